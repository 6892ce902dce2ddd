# STAND-IN, not Kubernetes.
# What the stand-in kubeadm writes on a node: certificates under
# /etc/kubernetes/pki, kubeconfigs, static Pod manifests (never run: there is
# no container runtime behind them), the kubelet's config, and the systemd unit
# (or setsid daemon) of kube-apiserver-standin.
import ipaddress
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import yaml

from standin_common import (APISERVER_DIR, APISERVER_PIDFILE, APISERVER_UNIT, BANNER, K8S_DIR, KUBELET_DIR,
                            MANIFESTS_DIR, PKI_DIR, StandinError, kubeconfig, new_ca, new_key, new_signed_pair,
                            openssl, path, root, split_host_port, write_file)
from kubeadm_config import args_as_dict

CONTROL_PLANE_COMPONENTS = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"]
PAUSE_IMAGE = "registry.k8s.io/pause:3.10"
ETCD_IMAGE = "registry.k8s.io/etcd:3.5.15-0"
COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.11.3"
CRI_SOCKET = "unix:///var/run/containerd/containerd.sock"


def images(kube_version: str, repository: str = "registry.k8s.io") -> list:
    tag = "v" + kube_version.lstrip("v")
    return [f"{repository}/kube-apiserver:{tag}", f"{repository}/kube-controller-manager:{tag}",
            f"{repository}/kube-scheduler:{tag}", f"{repository}/kube-proxy:{tag}", COREDNS_IMAGE,
            PAUSE_IMAGE, ETCD_IMAGE]


def default_address() -> str:
    """The first IPv4 address of the default route's interface (kubeadm's advertise address default).
    Like real kubeadm, no default route is an error: falling back to 127.0.0.1 would advertise an
    address no other node can reach and that is not in the serving certificate."""
    if os.environ.get("STANDIN_ADVERTISE_ADDRESS"):
        return os.environ["STANDIN_ADVERTISE_ADDRESS"]
    try:
        route = subprocess.run(["ip", "-4", "-o", "route", "show", "default"], capture_output=True, text=True).stdout
        device = route.split(" dev ")[1].split()[0]
        addresses = subprocess.run(["ip", "-4", "-o", "addr", "show", "dev", device], capture_output=True,
                                   text=True).stdout
        return addresses.split(" inet ")[1].split("/")[0]
    except (IndexError, OSError):
        raise StandinError("unable to select an IP from default routes: set localAPIEndpoint.advertiseAddress "
                           "(or --apiserver-advertise-address)")


def pki(name: str) -> str:
    return path(f"{PKI_DIR}/{name}")


def _san(value: str) -> str:
    try:
        ipaddress.ip_address(value)
        return f"IP:{value}"
    except ValueError:
        return f"DNS:{value}"


def apiserver_sans(cluster: dict, advertise: str, node: str) -> list:
    service_subnet = ((cluster.get("networking") or {}).get("serviceSubnet") or "10.96.0.0/12").split(",")[0]
    first_service_ip = str(next(ipaddress.ip_network(service_subnet, strict=False).hosts()))
    endpoint_host = split_host_port(cluster["controlPlaneEndpoint"])[0]
    names = ["kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local",
             node, first_service_ip, advertise, endpoint_host] + [str(s) for s in
                                                                  ((cluster.get("apiServer") or {}).get("certSANs") or [])]
    return list(dict.fromkeys(_san(n) for n in names))


def write_cluster_cas(cluster: dict):
    algorithm = cluster.get("encryptionAlgorithm") or "RSA-2048"
    print('[certs] Generating "ca" certificate and key')
    new_ca(pki("ca.crt"), pki("ca.key"), "kubernetes", algorithm)
    print('[certs] Generating "front-proxy-ca" certificate and key')
    new_ca(pki("front-proxy-ca.crt"), pki("front-proxy-ca.key"), "front-proxy-ca", "ECDSA-P256")
    print('[certs] Generating "etcd/ca" certificate and key')
    new_ca(pki("etcd/ca.crt"), pki("etcd/ca.key"), "etcd-ca", "ECDSA-P256")
    print('[certs] Generating "sa" key and public key')
    new_key(pki("sa.key"), "RSA-2048")
    write_file(pki("sa.pub"), openssl("pkey", "-in", pki("sa.key"), "-pubout"))


def write_apiserver_cert(cluster: dict, advertise: str, node: str):
    print(f'[certs] apiserver serving cert is signed for DNS names and IPs '
          f'[{", ".join(s.split(":", 1)[1] for s in apiserver_sans(cluster, advertise, node))}]')
    new_signed_pair(pki("apiserver.crt"), pki("apiserver.key"), pki("ca.crt"), pki("ca.key"), "/CN=kube-apiserver",
                    apiserver_sans(cluster, advertise, node), client=False, server=True)


def write_leaf_certs(cluster: dict, advertise: str, node: str):
    """The certificates each control-plane node makes for itself from the shared CAs."""
    write_apiserver_cert(cluster, advertise, node)
    ca, key = pki("ca.crt"), pki("ca.key")
    new_signed_pair(pki("apiserver-kubelet-client.crt"), pki("apiserver-kubelet-client.key"), ca, key,
                    "/O=kubeadm:cluster-admins/CN=kube-apiserver-kubelet-client")
    new_signed_pair(pki("front-proxy-client.crt"), pki("front-proxy-client.key"), pki("front-proxy-ca.crt"),
                    pki("front-proxy-ca.key"), "/CN=front-proxy-client")
    etcd_sans = [f"DNS:{node}", "DNS:localhost", f"IP:{advertise}", "IP:127.0.0.1"]
    for name, server in (("etcd/server", True), ("etcd/peer", True), ("etcd/healthcheck-client", False)):
        new_signed_pair(pki(f"{name}.crt"), pki(f"{name}.key"), pki("etcd/ca.crt"), pki("etcd/ca.key"),
                        f"/CN={node if server else 'kube-etcd-healthcheck-client'}", etcd_sans if server else (),
                        client=True, server=server)
    new_signed_pair(pki("apiserver-etcd-client.crt"), pki("apiserver-etcd-client.key"), pki("etcd/ca.crt"),
                    pki("etcd/ca.key"), "/CN=kube-apiserver-etcd-client")
    print("[certs] Generated apiserver, apiserver-kubelet-client, front-proxy-client and etcd certificates")


def write_kubeconfig(name: str, server: str, subject: str, user: str):
    ca = open(pki("ca.crt"), "rb").read()
    key_file = path(f"{K8S_DIR}/.{name}.key")
    cert_file = path(f"{K8S_DIR}/.{name}.crt")
    new_signed_pair(cert_file, key_file, pki("ca.crt"), pki("ca.key"), subject)
    text = kubeconfig(server, ca, user, open(cert_file, "rb").read(), open(key_file, "rb").read())
    os.remove(key_file)
    os.remove(cert_file)
    write_file(path(f"{K8S_DIR}/{name}"), text, 0o600)
    print(f'[kubeconfig] Writing "{name}" kubeconfig file')


def write_kubeconfig_with_cert(name: str, server: str, ca_pem: bytes, user: str, cert_pem: bytes, key_pem: bytes):
    write_file(path(f"{K8S_DIR}/{name}"), kubeconfig(server, ca_pem, user, cert_pem, key_pem), 0o600)
    print(f'[kubeconfig] Writing "{name}" kubeconfig file')


def write_control_plane_kubeconfigs(endpoint_url: str, local_url: str, minor: int, init: bool):
    write_kubeconfig("admin.conf", endpoint_url, "/O=kubeadm:cluster-admins/CN=kubernetes-admin", "kubernetes-admin")
    if init and minor >= 29:
        write_kubeconfig("super-admin.conf", endpoint_url, "/O=system:masters/CN=kubernetes-super-admin",
                         "kubernetes-super-admin")
    write_kubeconfig("controller-manager.conf", local_url, "/CN=system:kube-controller-manager",
                     "system:kube-controller-manager")
    write_kubeconfig("scheduler.conf", local_url, "/CN=system:kube-scheduler", "system:kube-scheduler")


def _pod(component: str, image: str, command: list) -> str:
    return f"# {BANNER}: this static Pod manifest is written like kubeadm's but never run.\n" + yaml.safe_dump({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": component, "namespace": "kube-system", "labels": {"component": component,
                                                                               "tier": "control-plane"}},
        "spec": {"hostNetwork": True, "priorityClassName": "system-node-critical",
                 "containers": [{"name": component, "image": image, "command": command}]},
    }, sort_keys=False)


def write_manifests(cluster: dict, kube_version: str, advertise: str, bind_port: int, node: str):
    repo = cluster.get("imageRepository") or "registry.k8s.io"
    tag = "v" + kube_version.lstrip("v")
    networking = cluster.get("networking") or {}

    def flags(base: dict, component: str) -> list:
        base.update(args_as_dict((cluster.get(component) or {}).get("extraArgs")))
        return [f"--{k}={v}" for k, v in base.items()]

    apiserver = flags({"advertise-address": advertise, "secure-port": bind_port,
                       "service-cluster-ip-range": networking.get("serviceSubnet", "10.96.0.0/12"),
                       "tls-cert-file": "/etc/kubernetes/pki/apiserver.crt",
                       "etcd-servers": "https://127.0.0.1:2379"}, "apiServer")
    controller = flags({"kubeconfig": "/etc/kubernetes/controller-manager.conf",
                        "cluster-cidr": networking.get("podSubnet", "")}, "controllerManager")
    scheduler = flags({"kubeconfig": "/etc/kubernetes/scheduler.conf"}, "scheduler")
    etcd_args = dict(advertise_client_urls=f"https://{advertise}:2379", name=node, data_dir="/var/lib/etcd")
    etcd_args.update(args_as_dict(((cluster.get("etcd") or {}).get("local") or {}).get("extraArgs")))
    pods = {
        "etcd": _pod("etcd", ETCD_IMAGE, ["etcd"] + [f"--{k.replace('_', '-')}={v}" for k, v in etcd_args.items()]),
        "kube-apiserver": _pod("kube-apiserver", f"{repo}/kube-apiserver:{tag}", ["kube-apiserver"] + apiserver),
        "kube-controller-manager": _pod("kube-controller-manager", f"{repo}/kube-controller-manager:{tag}",
                                        ["kube-controller-manager"] + controller),
        "kube-scheduler": _pod("kube-scheduler", f"{repo}/kube-scheduler:{tag}", ["kube-scheduler"] + scheduler),
    }
    for name, text in pods.items():
        write_file(path(f"{MANIFESTS_DIR}/{name}.yaml"), text, 0o600)
    print(f'[control-plane] Wrote static Pod manifests for {", ".join(pods)} to "{MANIFESTS_DIR}"')


def write_kubelet_files(kubelet_doc: dict, node_registration: dict):
    config = {"apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration",
              "cgroupDriver": "systemd", "clusterDNS": ["10.96.0.10"], "clusterDomain": "cluster.local",
              "staticPodPath": "/etc/kubernetes/manifests", "rotateCertificates": True,
              "authentication": {"x509": {"clientCAFile": "/etc/kubernetes/pki/ca.crt"}}}
    config.update({k: v for k, v in (kubelet_doc or {}).items()})
    write_file(path(f"{KUBELET_DIR}/config.yaml"), f"# {BANNER}\n" + yaml.safe_dump(config, sort_keys=False))
    flags = {"container-runtime-endpoint": (node_registration or {}).get("criSocket") or CRI_SOCKET,
             "pod-infra-container-image": PAUSE_IMAGE}
    flags.update(args_as_dict((node_registration or {}).get("kubeletExtraArgs")))
    line = " ".join(f"--{k}={v}" for k, v in flags.items())
    write_file(path(f"{KUBELET_DIR}/kubeadm-flags.env"), f'KUBELET_KUBEADM_ARGS="{line}"\n')
    print(f'[kubelet-start] Writing kubelet configuration to file "{KUBELET_DIR}/config.yaml"')


# ---- kube-apiserver-standin as a service --------------------------------------

def _apiserver_program() -> str:
    here = os.path.join(os.path.dirname(os.path.realpath(sys.argv[0])), "kube-apiserver-standin")
    return here if os.path.exists(here) else "/usr/bin/kube-apiserver-standin"


def _systemd_usable() -> bool:
    if root() or os.environ.get("STANDIN_NO_SYSTEMD") or not shutil.which("systemctl"):
        return False
    if not os.path.isdir("/run/systemd/system"):
        return False
    state = subprocess.run(["systemctl", "is-system-running"], capture_output=True, text=True).stdout.strip()
    return state not in ("", "offline", "unknown")


def start_apiserver(server_config: dict):
    config_file = path(f"{APISERVER_DIR}/server.json")
    write_file(config_file, json.dumps(server_config, indent=2), 0o600)
    stop_apiserver(quiet=True)
    program = _apiserver_program()
    if _systemd_usable():
        write_file(APISERVER_UNIT, f"""# {BANNER}: written by the stand-in kubeadm.
[Unit]
Description=kube-apiserver-standin ({BANNER})
After=network-online.target

[Service]
ExecStart={program} --config {config_file}
Restart=always
RestartSec=2

[Install]
WantedBy=multi-user.target
""")
        for command in (["daemon-reload"], ["enable", "--now", "kube-apiserver-standin.service"]):
            result = subprocess.run(["systemctl", *command], capture_output=True, text=True)
            if result.returncode != 0:
                raise StandinError(f"systemctl {' '.join(command)} failed: {result.stderr.strip()}")
        return
    log = open(path(f"{APISERVER_DIR}/server.log"), "ab")
    process = subprocess.Popen([sys.executable, program, "--config", config_file], stdin=subprocess.DEVNULL,
                               stdout=log, stderr=log, start_new_session=True, env=os.environ.copy())
    write_file(path(APISERVER_PIDFILE), f"{process.pid}\n")


def stop_apiserver(quiet: bool = False):
    if os.path.exists(APISERVER_UNIT) and not root():
        subprocess.run(["systemctl", "disable", "--now", "kube-apiserver-standin.service"], capture_output=True)
        os.remove(APISERVER_UNIT)
        subprocess.run(["systemctl", "daemon-reload"], capture_output=True)
    pidfile = path(APISERVER_PIDFILE)
    if os.path.exists(pidfile):
        pid = int(open(pidfile).read().strip() or 0)
        try:
            # Only ever signal our own server: pids are reused.
            if pid and "kube-apiserver-standin" in open(f"/proc/{pid}/cmdline").read():
                os.kill(pid, signal.SIGTERM)
                for _ in range(50):
                    if not os.path.exists(f"/proc/{pid}") or "zombie" in _proc_state(pid):
                        break
                    time.sleep(0.05)
        except (OSError, ValueError):
            pass
        os.remove(pidfile)
    if not quiet:
        print("[reset] Stopped kube-apiserver-standin")


def _proc_state(pid: int) -> str:
    try:
        return "zombie" if open(f"/proc/{pid}/stat").read().split(")")[1].split()[0] == "Z" else ""
    except OSError:
        return "zombie"
