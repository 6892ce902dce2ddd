# STAND-IN, not Kubernetes.
# `kubeadm upgrade plan|apply|node` of the stand-in: the version rules of real
# kubeadm (no skipped minor, no downgrade, kubeadm first, kubelet skew), the
# stored cluster version, and the control-plane manifests rewritten per version.
import os
import sys

import yaml

from standin_common import (BANNER, K8S_DIR, MANIFESTS_DIR, Kubeconfig, StandinError, load_yaml_documents,
                            minor_of, parse_version, path, version)
from kubeadm_config import validate_documents
import kubeadm_node as node_files


def _state(kubeconfig_file: str):
    client = Kubeconfig(kubeconfig_file).client()
    return client, client.call("GET", "/standin/v1/state")


def _check_target(target: str, cluster_version: str, nodes: dict):
    want, have, binary = parse_version(target), parse_version(cluster_version), parse_version(version())
    if want > binary:
        raise StandinError(f'Specified version to upgrade to "{target}" is higher than the kubeadm version '
                           f'"v{version()}". Upgrade kubeadm first using the tool you used to install kubeadm')
    if want < have:
        raise StandinError(f'Specified version to upgrade to "{target}" is lower than the cluster version '
                           f'"{cluster_version}". Downgrades are not supported')
    if want[0] != have[0] or want[1] > have[1] + 1:
        raise StandinError(f'Specified version to upgrade to "{target}" is too high; kubeadm can upgrade only '
                           f'1 minor version at a time (cluster is {cluster_version})')
    for node in nodes.values():
        if node.get("kubeletVersion") and minor_of(node["kubeletVersion"]) < want[1] - 3:
            raise StandinError(f'kubelet on node "{node["name"]}" is {node["kubeletVersion"]}: more than three '
                               f'minors older than {target}; upgrade it first')


def _rewrite_manifests(cluster: dict, kube_version: str):
    """Keep each manifest's node-specific flags; only the image tags move to the new version."""
    manifest = path(f"{MANIFESTS_DIR}/kube-apiserver.yaml")
    doc = yaml.safe_load(open(manifest).read())
    flags = dict(a[2:].split("=", 1) for a in doc["spec"]["containers"][0]["command"][1:])
    name = next((a.split("=", 1)[1] for a in yaml.safe_load(open(path(f"{MANIFESTS_DIR}/etcd.yaml")).read())
                 ["spec"]["containers"][0]["command"] if a.startswith("--name=")), "node")
    node_files.write_manifests(cluster, kube_version, flags["advertise-address"], int(flags["secure-port"]), name)


def main(argv, parser):
    sub = argv[:1]
    p = parser(f"upgrade {' '.join(sub)}")
    p.add_argument("version", nargs="?")
    p.add_argument("-y", "--yes", action="store_true")
    p.add_argument("-f", "--force", action="store_true")
    p.add_argument("--config")
    p.add_argument("--certificate-renewal", default="true")
    p.add_argument("--etcd-upgrade", default="true")
    p.add_argument("--ignore-preflight-errors", action="append")
    args = p.parse_args(argv[1:])
    if sub == ["plan"]:
        _, state = _state(args.kubeconfig)
        current, target = state["clusterVersion"], "v" + version()
        print(f"[upgrade/config] Reading configuration from the cluster ({BANNER})")
        print(f"[upgrade/versions] Cluster version: {current}\n[upgrade/versions] kubeadm version: {target}")
        print("\nCOMPONENT   NODE   CURRENT   TARGET")
        for node in state["nodes"].values():
            print(f'kubelet     {node["name"]}   {node["kubeletVersion"]}   {target}')
        if parse_version(target) > parse_version(current):
            print(f"\nYou can now apply the upgrade by executing the following command:\n\n"
                  f"\tkubeadm upgrade apply {target}\n")
        else:
            print("\nAwesome, you're up-to-date! Enjoy!")
        return
    if sub == ["apply"]:
        if not os.path.exists(path(f"{MANIFESTS_DIR}/kube-apiserver.yaml")):
            raise StandinError("this is not a control-plane node (no /etc/kubernetes/manifests/kube-apiserver.yaml)")
        target = args.version
        if args.config:
            if minor_of(version()) < 31:
                raise StandinError("upgrade apply --config is not supported by kubeadm below 1.31 in this stand-in "
                                   "(its meaning changed in 1.31: it then takes an UpgradeConfiguration)")
            config = validate_documents(load_yaml_documents(args.config))
            for kind in config.kinds():
                if kind != "upgrade":
                    print(f"W0000 [config] WARNING: Ignored configuration document with GroupVersionKind "
                          f"{kind}: it is deprecated for upgrade; only UpgradeConfiguration is used", file=sys.stderr)
            target = target or ((config.upgrade or {}).get("apply") or {}).get("kubernetesVersion")
        if not target:
            raise StandinError("missing the version to upgrade to: kubeadm upgrade apply vX.Y.Z")
        target = "v" + target.lstrip("v")
        client, state = _state(args.kubeconfig)
        _check_target(target, state["clusterVersion"], state["nodes"])
        if not args.yes:
            print("[upgrade/confirm] Are you sure you want to proceed? [y/N]: ", end="", flush=True)
            if sys.stdin.readline().strip().lower() not in ("y", "yes"):
                raise StandinError("won't proceed; the user didn't answer (Y|y) in order to continue")
        client.call("POST", "/standin/v1/cluster-version", {"version": target})
        cluster = dict(state["clusterConfiguration"], kubernetesVersion=target)
        _rewrite_manifests(cluster, target)
        print(f'[upgrade/successful] SUCCESS! Your cluster was upgraded to "{target}". Enjoy! ({BANNER})')
        return
    if sub == ["node"]:
        kubeconfig = path(f"{K8S_DIR}/admin.conf")
        if not os.path.exists(kubeconfig):
            kubeconfig = path(f"{K8S_DIR}/kubelet.conf")
        _, state = _state(kubeconfig)
        if parse_version(state["clusterVersion"]) > parse_version(version()):
            raise StandinError(f'the cluster is at {state["clusterVersion"]}, newer than kubeadm v{version()}: '
                               'upgrade kubeadm on this node first')
        if os.path.exists(path(f"{MANIFESTS_DIR}/kube-apiserver.yaml")):
            _rewrite_manifests(state["clusterConfiguration"], state["clusterVersion"])
            print(f'[upgrade] Upgraded the control plane on this node to {state["clusterVersion"]}')
        print("[upgrade] The configuration for this node was successfully updated!")
        print("[upgrade] Now you should go ahead and upgrade the kubelet package using your package manager.")
        return
    raise StandinError("usage: kubeadm upgrade plan|apply|node")
