# STAND-IN, not Kubernetes.
# Shared helpers of the tsplay Kubernetes stand-in programs (kubeadm, kubectl,
# kubelet, kube-apiserver-standin): paths (all under $STANDIN_ROOT, so tests
# can run the programs in a temporary root), versions, YAML/kubeconfig files,
# openssl-made certificates and the HTTPS client that talks to the stand-in
# API server. Python 3 stdlib + PyYAML only.
import base64
import hashlib
import json
import os
import re
import secrets
import socket
import ssl
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import yaml

BANNER = "STAND-IN, not Kubernetes"
# build-repo.sh replaces this line with the package version (e.g. 1.31.2).
PACKAGE_VERSION = "0.0.0"


class StandinError(Exception):
    """An error the user sees as one line on stderr (exit code 1)."""


def version() -> str:
    """The Kubernetes version this binary pretends to be, without the 'v'."""
    return os.environ.get("STANDIN_KUBE_VERSION") or PACKAGE_VERSION


def parse_version(text: str) -> tuple:
    match = re.match(r"^v?(\d+)\.(\d+)\.(\d+)", text.strip())
    if not match:
        raise StandinError(f'could not parse "{text}" as a version')
    return tuple(int(x) for x in match.groups())


def minor_of(text: str) -> int:
    return parse_version(text)[1]


def root() -> str:
    return os.environ.get("STANDIN_ROOT", "")


def path(absolute: str) -> str:
    """A host path, prefixed with $STANDIN_ROOT when it is set."""
    return root() + absolute


K8S_DIR = "/etc/kubernetes"
PKI_DIR = K8S_DIR + "/pki"
MANIFESTS_DIR = K8S_DIR + "/manifests"
KUBELET_DIR = "/var/lib/kubelet"
APISERVER_DIR = "/var/lib/kube-apiserver-standin"
APISERVER_UNIT = "/etc/systemd/system/kube-apiserver-standin.service"
APISERVER_PIDFILE = "/run/kube-apiserver-standin.pid"


def die(message: str, code: int = 1):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)


INVOCATION_LOG = "/var/log/kubernetes-standin/invocations.jsonl"


def log_invocation(rc: int, started: float):
    """Append one JSON line per run (program, arguments, exit code, start and end times) to
    $STANDIN_ROOT/var/log/kubernetes-standin/invocations.jsonl, so tests can check on the host which
    commands the playbooks ran, where and in what order. Never lets a logging problem fail the command."""
    import time
    record = {"start": round(started, 3), "end": round(time.time(), 3),
              "program": os.path.basename(sys.argv[0]), "argv": sys.argv[1:], "rc": rc}
    try:
        target = path(INVOCATION_LOG)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # O_APPEND: concurrent runs on one host each add whole lines.
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
    except OSError:
        pass


def run_main(main):
    """Run a program's main(argv), turning StandinError into a one-line error; log the invocation."""
    import time
    started, rc = time.time(), 1
    try:
        rc = main(sys.argv[1:]) or 0
    except StandinError as error:
        print(f"error: {error}", file=sys.stderr)
        rc = 1
    except KeyboardInterrupt:
        rc = 130
    except SystemExit as leaving:  # argparse errors and explicit exits
        rc = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
        if isinstance(leaving.code, str):
            print(leaving.code, file=sys.stderr)
    log_invocation(rc, started)
    sys.exit(rc)


# ---- files -------------------------------------------------------------------

def write_file(target: str, data, mode: int = 0o644):
    """Write atomically (temp + rename) so a crash never leaves half a file."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".standin-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, mode)
    os.replace(tmp, target)


def read_text(target: str) -> str:
    with open(target, encoding="utf-8") as handle:
        return handle.read()


def load_yaml_documents(file: str) -> list:
    try:
        with open(file, encoding="utf-8") as handle:
            return [doc for doc in yaml.safe_load_all(handle) if doc is not None]
    except FileNotFoundError:
        raise StandinError(f"unable to read config from {file}: open {file}: no such file or directory")
    except yaml.YAMLError as error:
        raise StandinError(f"unable to decode config from {file}: {error}".replace("\n", " "))


# ---- certificates (openssl) --------------------------------------------------

def openssl(*args, stdin: bytes = None) -> bytes:
    result = subprocess.run(["openssl", *args], input=stdin, capture_output=True)
    if result.returncode != 0:
        raise StandinError(f"openssl {args[0]} failed: {result.stderr.decode().strip().splitlines()[-1:]}")
    return result.stdout


def new_key(file: str, algorithm: str = "ECDSA-P256"):
    """Leaf keys are EC (fast); the CA and sa keys are RSA like kubeadm's default."""
    if algorithm.startswith("RSA"):
        bits = algorithm.split("-")[1] if "-" in algorithm else "2048"
        key = openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}")
    else:
        key = openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256")
    write_file(file, key, 0o600)


def new_ca(cert: str, key: str, common_name: str, algorithm: str = "RSA-2048", days: int = 3650):
    new_key(key, algorithm)
    pem = openssl("req", "-x509", "-new", "-key", key, "-subj", f"/CN={common_name}",
                  "-days", str(days), "-addext", "basicConstraints=critical,CA:TRUE",
                  "-addext", "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign")
    write_file(cert, pem)


def sign_csr(csr_pem: bytes, ca_cert: str, ca_key: str, subject: str, sans=(), client=True,
             server=False, days: int = 365) -> bytes:
    """Sign a CSR with the CA; the subject and SANs are ours, not the CSR's (like a real signer)."""
    usages = []
    if server:
        usages.append("serverAuth")
    if client:
        usages.append("clientAuth")
    ext = ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature,keyEncipherment",
           "extendedKeyUsage=" + ",".join(usages)]
    if sans:
        ext.append("subjectAltName=" + ",".join(sans))
    with tempfile.TemporaryDirectory() as tmp:
        ext_file = os.path.join(tmp, "ext.cnf")
        with open(ext_file, "w") as handle:
            handle.write("[v3]\n" + "\n".join(ext) + "\n")
        csr_file = os.path.join(tmp, "req.csr")
        with open(csr_file, "wb") as handle:
            handle.write(csr_pem)
        return openssl("x509", "-req", "-in", csr_file, "-CA", ca_cert, "-CAkey", ca_key,
                       "-set_serial", str(secrets.randbits(63)), "-subj", subject,
                       "-days", str(days), "-extfile", ext_file, "-extensions", "v3")


def new_csr(key: str) -> bytes:
    return openssl("req", "-new", "-key", key, "-subj", "/CN=standin")


def new_signed_pair(cert: str, key: str, ca_cert: str, ca_key: str, subject: str, sans=(),
                    client=True, server=False):
    new_key(key)
    write_file(cert, sign_csr(new_csr(key), ca_cert, ca_key, subject, sans, client, server))


def ca_cert_hash(ca_cert_pem: bytes) -> str:
    """sha256 of the CA's SubjectPublicKeyInfo in DER: kubeadm's discovery-token-ca-cert-hash."""
    public_pem = openssl("x509", "-noout", "-pubkey", stdin=ca_cert_pem)
    der = openssl("pkey", "-pubin", "-outform", "DER", stdin=public_pem)
    return "sha256:" + hashlib.sha256(der).hexdigest()


# ---- kubeconfig ----------------------------------------------------------------

def b64(data) -> str:
    return base64.b64encode(data if isinstance(data, bytes) else data.encode()).decode()


def kubeconfig(server: str, ca_pem: bytes, user: str, cert_pem: bytes, key_pem: bytes,
               cluster: str = "kubernetes") -> str:
    context = f"{user}@{cluster}"
    return yaml.safe_dump({
        "apiVersion": "v1", "kind": "Config",
        "clusters": [{"name": cluster, "cluster": {"server": server, "certificate-authority-data": b64(ca_pem)}}],
        "contexts": [{"name": context, "context": {"cluster": cluster, "user": user}}],
        "current-context": context,
        "users": [{"name": user, "user": {"client-certificate-data": b64(cert_pem), "client-key-data": b64(key_pem)}}],
        "preferences": {},
    }, sort_keys=False)


class Kubeconfig:
    """The parts of a kubeconfig the stand-ins use: server URL, CA and client cert."""

    def __init__(self, file: str):
        try:
            data = yaml.safe_load(read_text(file)) or {}
        except FileNotFoundError:
            raise StandinError(f'stat {file}: no such file or directory (is this a control-plane node?)')
        try:
            current = data["current-context"]
            context = next(c["context"] for c in data["contexts"] if c["name"] == current)
            cluster = next(c["cluster"] for c in data["clusters"] if c["name"] == context["cluster"])
            user = next(u["user"] for u in data["users"] if u["name"] == context["user"])
            self.server = cluster["server"].rstrip("/")
            self.ca_pem = base64.b64decode(cluster["certificate-authority-data"])
            self.cert_pem = base64.b64decode(user["client-certificate-data"])
            self.key_pem = base64.b64decode(user["client-key-data"])
        except (KeyError, TypeError, StopIteration):
            raise StandinError(f"invalid kubeconfig {file}: missing cluster, user or context")
        self.file = file

    def client(self) -> "ApiClient":
        return ApiClient(self.server, self.ca_pem, self.cert_pem, self.key_pem)


# ---- HTTPS client ------------------------------------------------------------

class ApiClient:
    """JSON over HTTPS to a stand-in API server, verifying it against the cluster CA."""

    def __init__(self, server: str, ca_pem: bytes = None, cert_pem: bytes = None, key_pem: bytes = None,
                 timeout: float = 10):
        self.server = server.rstrip("/")
        self.timeout = timeout
        if ca_pem is None:
            # Discovery: like kubeadm reading the public cluster-info before it trusts anything.
            self.context = ssl._create_unverified_context()
        else:
            self.context = ssl.create_default_context(cadata=ca_pem.decode())
        if cert_pem and key_pem:
            with tempfile.TemporaryDirectory() as tmp:
                cert_file, key_file = os.path.join(tmp, "c.pem"), os.path.join(tmp, "k.pem")
                write_file(cert_file, cert_pem, 0o600)
                write_file(key_file, key_pem, 0o600)
                self.context.load_cert_chain(cert_file, key_file)

    def call(self, method: str, route: str, body=None):
        """Returns the decoded JSON answer; an API error becomes StandinError with the server's message."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.server + route, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout, context=self.context) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            try:
                message = json.loads(error.read().decode()).get("message", "")
            except ValueError:
                message = ""
            raise StandinError(message or f"the server answered {error.code} to {method} {route}")
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise StandinError(f"Get \"{self.server}{route}\": {reason}")
        return json.loads(text) if text else None


def wait_ready(server: str, ca_pem: bytes, timeout: float) -> bool:
    """Poll <server>/readyz (CA-verified) until it answers ok or the timeout passes."""
    import time
    deadline = time.monotonic() + timeout
    client = ApiClient(server, ca_pem, timeout=2)
    while True:
        try:
            request = urllib.request.Request(server + "/readyz")
            with urllib.request.urlopen(request, timeout=2, context=client.context) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError, ssl.SSLError):
            pass
        if time.monotonic() > deadline:
            return False
        time.sleep(0.3)


def port_in_use(port: int, address: str = "0.0.0.0") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((address, port))
        except OSError:
            return True
    return False


def split_host_port(endpoint: str, what: str = "controlPlaneEndpoint"):
    match = re.match(r"^\[?([^\]\s]+?)\]?:(\d+)$", endpoint or "")
    if not match or not 0 < int(match.group(2)) < 65536:
        raise StandinError(f'{what} "{endpoint}" must be host:port (e.g. 10.250.0.100:6443)')
    return match.group(1), int(match.group(2))


def node_name() -> str:
    return os.environ.get("STANDIN_NODE_NAME") or socket.gethostname().lower()
