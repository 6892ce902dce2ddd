# STAND-IN, not Kubernetes.
# `kubeadm init` and `kubeadm join` of the stand-in: preflight checks, the
# files kubeadm writes, the local kube-apiserver-standin, and bootstrap-token
# discovery (cluster-info signed per token, CA pinned by its public-key hash).
import errno
import hashlib
import hmac
import json
import os
import secrets
import shutil
import socket
import subprocess
import time

from standin_common import (APISERVER_DIR, BANNER, K8S_DIR, KUBELET_DIR, MANIFESTS_DIR, ApiClient, StandinError,
                            ca_cert_hash, minor_of, new_csr, new_key, path, port_in_use, read_text,
                            split_host_port, version, wait_ready, write_file)
import kubeadm_node as node_files

TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


def new_token() -> str:
    pick = lambda n: "".join(secrets.choice(TOKEN_CHARS) for _ in range(n))  # noqa: E731
    return f"{pick(6)}.{pick(16)}"


def kubelet_version() -> str:
    kubelet = shutil.which("kubelet")
    if kubelet:
        out = subprocess.run([kubelet, "--version"], capture_output=True, text=True).stdout.split()
        if len(out) == 2:
            return out[1]
    return "v" + version()


def preflight(checks: list, ignored: set):
    """checks: (name, failed, message). Ignored ones become warnings, like --ignore-preflight-errors."""
    print("[preflight] Running pre-flight checks")
    errors = []
    for name, failed, message in checks:
        if not failed:
            continue
        if "all" in ignored or name.lower() in ignored:
            print(f"\t[WARNING {name}]: {message}")
        else:
            errors.append(f"\t[ERROR {name}]: {message}")
    if errors:
        raise StandinError("error execution phase preflight: [preflight] Some fatal errors occurred:\n"
                           + "\n".join(errors) + "\n[preflight] If you know what you are doing, you can make a "
                           "check non-fatal with `--ignore-preflight-errors=...`")


def file_check(absolute: str):
    name = "FileAvailable-" + absolute.replace("/", "-")
    return name, os.path.exists(path(absolute)), f"{absolute} already exists"


def endpoint_reachable(host: str, port: int) -> str:
    """'' when the host answers (even with a refusal); else why not. Nothing leaves the lab: the host is the
    endpoint the user configured."""
    try:
        address = socket.getaddrinfo(host, port, socket.AF_INET, socket.SOCK_STREAM)[0][4]
    except socket.gaierror as error:
        return f"cannot resolve {host}: {error.strerror}"
    try:
        with socket.create_connection(address, timeout=3):
            return ""
    except ConnectionRefusedError:
        return ""
    except socket.timeout:
        return f"no answer from {host} within 3s (is the VIP up?)"
    except OSError as error:
        return f"{host}: {os.strerror(error.errno) if error.errno else error} (is the VIP up?)"


def _manifest_checks():
    return [file_check(f"{MANIFESTS_DIR}/{c}.yaml") for c in node_files.CONTROL_PLANE_COMPONENTS]


def init(config, ignored: set, skip_phases: set, upload_certs: bool):
    init_doc = config.init or {}
    cluster = dict(config.cluster)
    binary = version()
    cluster["kubernetesVersion"] = "v" + str(cluster.get("kubernetesVersion") or binary).lstrip("v")
    kube_version = cluster["kubernetesVersion"]
    endpoint = cluster["controlPlaneEndpoint"]
    endpoint_host, endpoint_port = split_host_port(endpoint)
    local = init_doc.get("localAPIEndpoint") or {}
    advertise = local.get("advertiseAddress") or node_files.default_address()
    bind_port = int(local.get("bindPort") or 6443)
    registration = init_doc.get("nodeRegistration") or {}
    name = registration.get("name") or node_name_default()
    print(f"[init] Using Kubernetes version: {kube_version} ({BANNER})")
    if "preflight" not in skip_phases:
        unreachable = endpoint_reachable(endpoint_host, endpoint_port)
        preflight(_manifest_checks() + [
            (f"Port-{bind_port}", port_in_use(bind_port), f"Port {bind_port} is in use"),
            ("ControlPlaneEndpoint", bool(unreachable), f"controlPlaneEndpoint {endpoint}: {unreachable}"),
        ], ignored)
    node_files.write_cluster_cas(cluster)
    node_files.write_leaf_certs(cluster, advertise, name)
    endpoint_url, local_url = f"https://{endpoint}", f"https://{advertise}:{bind_port}"
    minor = minor_of(kube_version)
    node_files.write_control_plane_kubeconfigs(endpoint_url, local_url, minor, init=True)
    node_files.write_kubeconfig("kubelet.conf", local_url if minor >= 33 else endpoint_url,
                                f"/O=system:nodes/CN=system:node:{name}", f"system:node:{name}")
    node_files.write_kubelet_files(config.kubelet, registration)
    node_files.write_manifests(cluster, kube_version, advertise, bind_port, name)
    tokens = {}
    for entry in init_doc.get("bootstrapTokens") or [{"token": new_token()}]:
        tid, _, secret = entry["token"].partition(".")
        tokens[tid] = {"secret": secret, "expires": time.time() + parse_duration(entry.get("ttl", "24h")),
                       "description": entry.get("description", "")}
    certificate_key = init_doc.get("certificateKey") or secrets.token_hex(32)
    state = {
        "standin": BANNER, "clusterVersion": kube_version, "controlPlaneEndpoint": endpoint,
        "clusterConfiguration": cluster, "initServer": local_url,
        "nodes": {name: {"name": name, "role": "control-plane", "address": advertise,
                         "kubeletVersion": kubelet_version(), "unschedulable": False, "created": time.time(),
                         "lastHeartbeat": time.time(),
                         "labels": {"kubernetes.io/hostname": name, "node-role.kubernetes.io/control-plane": ""}}},
        "tokens": tokens,
        "certificateKeys": [{"key": certificate_key, "expires": time.time() + 7200}] if upload_certs else [],
        "manifests": {},
    }
    write_file(path(f"{APISERVER_DIR}/state.json"), json.dumps(state, indent=2), 0o600)
    _start_local_apiserver(bind_port, advertise, upstream=None)
    ca = open(node_files.pki("ca.crt"), "rb").read()
    print(f"[api-check] Waiting for the control-plane endpoint {endpoint_url} (through the load balancer)")
    timeout = float(os.environ.get("STANDIN_ENDPOINT_TIMEOUT", "60"))
    if not wait_ready(endpoint_url, ca, timeout):
        raise StandinError(f"error execution phase upload-config/kubeadm: could not reach the control-plane "
                           f"endpoint {endpoint_url}/readyz within {timeout:.0f}s: context deadline exceeded "
                           "(is the load balancer forwarding to this API server?)")
    token = next(iter(tokens)) + "." + next(iter(tokens.values()))["secret"]
    ca_hash = ca_cert_hash(ca)
    print("[bootstrap-token] Configured bootstrap token")
    if upload_certs:
        print('[upload-certs] Storing the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace')
        print(f"[upload-certs] Using certificate key:\n{certificate_key}")
    join = f"kubeadm join {endpoint} --token {token} \\\n\t--discovery-token-ca-cert-hash {ca_hash}"
    print(f"""
Your Kubernetes control-plane has initialized successfully! ({BANNER})

To start using your cluster, you need to run the following as a regular user:

  mkdir -p $HOME/.kube
  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config
  sudo chown $(id -u):$(id -g) $HOME/.kube/config

You can now join any number of control-plane nodes running the following command on each as root:

  {join} \\
\t--control-plane{' --certificate-key ' + certificate_key if upload_certs else ''}

Then you can join any number of worker nodes by running the following on each as root:

{join}""")


def _start_local_apiserver(bind_port: int, advertise: str, upstream):
    server = {"bindAddress": os.environ.get("STANDIN_BIND_ADDRESS", "0.0.0.0"), "bindPort": bind_port,
              "certFile": node_files.pki("apiserver.crt"), "keyFile": node_files.pki("apiserver.key"),
              "caFile": node_files.pki("ca.crt"), "pkiDir": path("/etc/kubernetes/pki"),
              "stateFile": path(f"{APISERVER_DIR}/state.json"), "binaryVersion": version(), "upstream": upstream,
              "clientCertFile": node_files.pki("apiserver-kubelet-client.crt"),
              "clientKeyFile": node_files.pki("apiserver-kubelet-client.key")}
    node_files.start_apiserver(server)
    ca = open(node_files.pki("ca.crt"), "rb").read()
    # Check the address the serving certificate is issued for (the advertise address), as a client
    # would; 127.0.0.1 is not among kubeadm's default apiserver SANs.
    local = f"https://{advertise if server['bindAddress'] == '0.0.0.0' else server['bindAddress']}:{bind_port}"
    print(f"[api-check] Waiting for a healthy kube-apiserver-standin at {local}")
    if not wait_ready(local, ca, 30):
        raise StandinError(f"kube-apiserver-standin did not become ready on port {bind_port} "
                           f"(see journalctl -u kube-apiserver-standin or {APISERVER_DIR}/server.log)")
    print(f"[api-check] The API server is healthy (advertised as {advertise}:{bind_port})")


def node_name_default() -> str:
    from standin_common import node_name
    return node_name()


def parse_duration(text) -> float:
    """Go-style durations as kubeadm takes them: 24h, 1h30m, 90s, 24h0m0s; 0 means never."""
    import re
    text = str(text).strip()
    if text in ("0", "0s"):
        return 100 * 365 * 86400.0
    parts = re.findall(r"(\d+(?:\.\d+)?)(h|m|s)", text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise StandinError(f'invalid duration "{text}" (e.g. 24h, 1h30m, 90s)')
    return sum(float(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in parts)


def discover(endpoint: str, token: str, ca_hashes: list, unsafe_skip: bool, timeout: float) -> bytes:
    """Bootstrap-token discovery: read cluster-info without trusting the server, check the token's signature
    on it, pin the CA by its public-key hash. Returns the trusted CA certificate."""
    tid, _, secret = token.partition(".")
    insecure = ApiClient(f"https://{endpoint}", None, timeout=5)
    deadline = time.monotonic() + timeout
    print(f'[discovery] Trying to connect to API Server "{endpoint}"')
    while True:
        try:
            info = insecure.call("GET", "/standin/v1/cluster-info")
            break
        except StandinError as error:
            if time.monotonic() > deadline:
                raise StandinError(f"couldn't validate the identity of the API Server: {error}")
            time.sleep(1)
    signature = info["jws"].get(tid)
    if signature is None:
        raise StandinError(f'could not find a JWS signature in the cluster-info ConfigMap for token ID "{tid}"')
    expected = hmac.new(secret.encode(), (info["caCert"] + info["endpoint"]).encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        raise StandinError("failed to verify JWS signature of received cluster info object, can't trust this "
                           "API Server")
    ca = info["caCert"].encode()
    actual = ca_cert_hash(ca)
    if not unsafe_skip and actual not in [h.strip().lower() for h in ca_hashes]:
        raise StandinError(f'cluster CA found in cluster-info ConfigMap is invalid: none of the public keys '
                           f'"{actual}" are pinned')
    print(f'[discovery] Cluster info signature and contents are valid and TLS certificate validates against '
          f'pinned roots, will use API Server "{endpoint}"')
    return ca


def join(spec: dict, config_kubelet: dict, ignored: set, skip_phases: set):
    """spec: endpoint, token, caCertHashes, unsafeSkip, controlPlane, certificateKey, advertiseAddress,
    bindPort, nodeRegistration, discoveryTimeout."""
    control_plane = spec["controlPlane"]
    registration = spec.get("nodeRegistration") or {}
    name = registration.get("name") or node_name_default()
    bind_port = int(spec.get("bindPort") or 6443)
    if "preflight" not in skip_phases:
        checks = [file_check(f"{K8S_DIR}/kubelet.conf"), file_check(f"{K8S_DIR}/pki/ca.crt")]
        manifests = path(MANIFESTS_DIR)
        if control_plane:
            checks += _manifest_checks() + [(f"Port-{bind_port}", port_in_use(bind_port), f"Port {bind_port} is in use")]
        else:
            checks.append(("DirAvailable--etc-kubernetes-manifests",
                           os.path.isdir(manifests) and bool(os.listdir(manifests)), f"{MANIFESTS_DIR} is not empty"))
        preflight(checks, ignored)
    ca = discover(spec["endpoint"], spec["token"], spec.get("caCertHashes") or [], spec.get("unsafeSkip", False),
                  float(spec.get("discoveryTimeout") or 30))
    write_file(node_files.pki("ca.crt"), ca)
    kubelet_key = path(f"{KUBELET_DIR}/pki/kubelet-client.key")
    new_key(kubelet_key)
    advertise = spec.get("advertiseAddress") or node_files.default_address()
    body = {"token": spec["token"], "nodeName": name, "controlPlane": control_plane, "address": advertise,
            "kubeletVersion": kubelet_version(), "csr": new_csr(kubelet_key).decode(),
            "certificateKey": spec.get("certificateKey", "")}
    if control_plane:
        print('[download-certs] Downloading the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace')
    answer = ApiClient(f"https://{spec['endpoint']}", ca, timeout=30).call("POST", "/standin/v1/join", body)
    cluster = answer["clusterConfiguration"]
    endpoint_url, local_url = f"https://{cluster['controlPlaneEndpoint']}", f"https://{advertise}:{bind_port}"
    minor = minor_of(answer["clusterVersion"])
    if control_plane:
        for file, text in answer["bundle"].items():
            write_file(node_files.pki(file), text, 0o600 if file.endswith(".key") else 0o644)
        node_files.write_leaf_certs(cluster, advertise, name)
        node_files.write_control_plane_kubeconfigs(endpoint_url, local_url, minor, init=False)
        node_files.write_manifests(cluster, answer["clusterVersion"], advertise, bind_port, name)
    kubelet_server = local_url if control_plane and minor >= 33 else endpoint_url
    node_files.write_kubeconfig_with_cert("kubelet.conf", kubelet_server, ca, f"system:node:{name}",
                                          answer["kubeletCert"].encode(), open(kubelet_key, "rb").read())
    node_files.write_kubelet_files(config_kubelet, registration)
    if control_plane:
        _start_local_apiserver(bind_port, advertise, upstream=answer["initServer"])
    what = "control-plane node" if control_plane else "node"
    print(f"""
This {what} has joined the cluster ({BANNER}):
* Certificate signing request was sent to apiserver and a response was received.
* The Kubelet was informed of the new secure connection details.

Run 'kubectl get nodes' on the control-plane to see this node join the cluster.""")
