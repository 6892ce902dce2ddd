# STAND-IN, not Kubernetes.
# Validation of kubeadm configuration files as the stand-in kubeadm reads them:
# which apiVersion the binary's version accepts (v1beta3 below 1.36, deprecated
# from 1.31; v1beta4 from 1.31), known kinds, strict unknown fields, and the
# v1beta3/v1beta4 shape differences (extraArgs map vs list, timeouts).
import re
import sys

from standin_common import StandinError, minor_of, parse_version, split_host_port, version

KUBEADM_GROUP = "kubeadm.k8s.io"
KUBELET_API = "kubelet.config.k8s.io/v1beta1"
KUBEPROXY_API = "kubeproxy.config.k8s.io/v1alpha1"
TOKEN_PATTERN = re.compile(r"^[a-z0-9]{6}\.[a-z0-9]{16}$")
CERT_KEY_PATTERN = re.compile(r"^[a-f0-9]{64}$")

_COMMON = {"apiVersion", "kind"}
# Top-level fields per kind and API version (strict decoding rejects others).
FIELDS = {
    ("v1beta3", "InitConfiguration"): _COMMON | {"bootstrapTokens", "nodeRegistration", "localAPIEndpoint",
                                                 "certificateKey", "skipPhases", "patches"},
    ("v1beta4", "InitConfiguration"): _COMMON | {"bootstrapTokens", "dryRun", "nodeRegistration", "localAPIEndpoint",
                                                 "certificateKey", "skipPhases", "patches", "timeouts"},
    ("v1beta3", "ClusterConfiguration"): _COMMON | {"etcd", "networking", "kubernetesVersion", "controlPlaneEndpoint",
                                                    "apiServer", "controllerManager", "scheduler", "dns",
                                                    "certificatesDir", "imageRepository", "featureGates", "clusterName"},
    ("v1beta3", "JoinConfiguration"): _COMMON | {"nodeRegistration", "caCertPath", "discovery", "controlPlane",
                                                 "skipPhases", "patches"},
    ("v1beta4", "JoinConfiguration"): _COMMON | {"dryRun", "nodeRegistration", "caCertPath", "discovery", "controlPlane",
                                                 "skipPhases", "patches", "timeouts"},
    ("v1beta4", "UpgradeConfiguration"): _COMMON | {"apply", "node", "plan", "diff", "timeouts"},
    ("v1beta4", "ResetConfiguration"): _COMMON | {"cleanupTmpDir", "certificatesDir", "criSocket", "dryRun", "force",
                                                  "ignorePreflightErrors", "skipPhases", "unmountFlags", "timeouts"},
}
FIELDS[("v1beta4", "ClusterConfiguration")] = FIELDS[("v1beta3", "ClusterConfiguration")] | {
    "proxy", "encryptionAlgorithm", "certificateValidityPeriod", "caCertificateValidityPeriod"}

NESTED = {
    "localAPIEndpoint": {"advertiseAddress", "bindPort"},
    "networking": {"serviceSubnet", "podSubnet", "dnsDomain"},
    "bootstrapToken": {"token", "apiServerEndpoint", "caCertHashes", "unsafeSkipCAVerification"},
    "controlPlane": {"localAPIEndpoint", "certificateKey"},
}
V1BETA4_ONLY_TIMEOUTS = {"controlPlaneComponentHealthCheck", "kubeletHealthCheck", "kubernetesAPICall", "etcdAPICall",
                         "tlsBootstrap", "discovery", "upgradeManifests"}


class KubeadmConfig:
    """The documents of one config file, by kind (None when absent)."""

    def __init__(self):
        self.api_version = None
        self.init = None
        self.cluster = None
        self.join = None
        self.kubelet = None
        self.kubeproxy = None
        self.upgrade = None
        self.reset = None
        self.warnings = []

    def kinds(self):
        return [k for k in ("init", "cluster", "join", "kubelet", "kubeproxy", "upgrade", "reset") if getattr(self, k)]


def warn(config: KubeadmConfig, message: str):
    config.warnings.append(message)
    print(f"W0000 00:00:00.000000       1 {message}", file=sys.stderr)


def _fail(kind: str, message: str):
    raise StandinError(f"{kind}: {message}")


def _check_fields(obj, allowed: set, where: str, kind: str):
    if obj is None:
        return
    if not isinstance(obj, dict):
        _fail(kind, f'strict decoding error: "{where}" must be an object')
    for key in obj:
        if key not in allowed:
            _fail(kind, f'strict decoding error: unknown field "{where + "." if where else ""}{key}"')


def _check_args(value, where: str, api: str, kind: str):
    """extraArgs / kubeletExtraArgs: a map in v1beta3, a list of {name, value} in v1beta4."""
    if value is None:
        return
    if api == "v1beta3":
        if not isinstance(value, dict):
            _fail(kind, f"json: cannot unmarshal array into Go struct field {where} of type map[string]string "
                        "(v1beta3 takes a map of flag: value)")
        return
    if isinstance(value, dict):
        _fail(kind, f"json: cannot unmarshal object into Go struct field {where} of type []v1beta4.Arg "
                    "(v1beta4 takes a list of {name, value})")
    if not isinstance(value, list) or not all(isinstance(a, dict) and set(a) <= {"name", "value"} and "name" in a
                                              for a in value):
        _fail(kind, f"{where}: each entry must be {{name: FLAG, value: VALUE}}")


def args_as_dict(value) -> dict:
    """extraArgs in either shape as an ordered flag -> value dict (for rendering manifests)."""
    if not value:
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {str(a["name"]): str(a.get("value", "")) for a in value}


def _check_node_registration(nr, api: str, kind: str):
    allowed = {"name", "criSocket", "taints", "kubeletExtraArgs", "ignorePreflightErrors", "imagePullPolicy"}
    if api == "v1beta4":
        allowed |= {"imagePullSerial"}
    _check_fields(nr, allowed, "nodeRegistration", kind)
    if nr:
        _check_args(nr.get("kubeletExtraArgs"), "nodeRegistration.kubeletExtraArgs", api, kind)


def _check_timeouts(doc, api: str, kind: str):
    if api == "v1beta4":
        _check_fields(doc.get("timeouts"), V1BETA4_ONLY_TIMEOUTS, "timeouts", kind)


def _check_init(doc, api):
    kind = "InitConfiguration"
    _check_node_registration(doc.get("nodeRegistration"), api, kind)
    _check_fields(doc.get("localAPIEndpoint"), NESTED["localAPIEndpoint"], "localAPIEndpoint", kind)
    _check_timeouts(doc, api, kind)
    for token in doc.get("bootstrapTokens") or []:
        if not TOKEN_PATTERN.match(str((token or {}).get("token", ""))):
            _fail(kind, f'bootstrapTokens: the bootstrap token "{(token or {}).get("token", "")}" was not of the form '
                        '"^([a-z0-9]{6})\\.([a-z0-9]{16})$"')
    key = doc.get("certificateKey")
    if key is not None and not CERT_KEY_PATTERN.match(str(key)):
        _fail(kind, "certificateKey must be 64 hex characters (kubeadm certs certificate-key)")


def _check_cluster(doc, api, binary):
    kind = "ClusterConfiguration"
    _check_fields(doc.get("networking"), NESTED["networking"], "networking", kind)
    api_server = doc.get("apiServer")
    allowed = {"extraArgs", "extraVolumes", "certSANs", "extraEnvs"} if api == "v1beta4" else \
        {"extraArgs", "extraVolumes", "certSANs", "timeoutForControlPlane"}
    if api == "v1beta4" and isinstance(api_server, dict) and "timeoutForControlPlane" in api_server:
        _fail(kind, 'strict decoding error: unknown field "apiServer.timeoutForControlPlane" '
                    "(v1beta4 moved it to InitConfiguration timeouts.controlPlaneComponentHealthCheck)")
    _check_fields(api_server, allowed, "apiServer", kind)
    for component in ("apiServer", "controllerManager", "scheduler"):
        section = doc.get(component) or {}
        _check_args(section.get("extraArgs"), f"{component}.extraArgs", api, kind)
    local_etcd = ((doc.get("etcd") or {}).get("local") or {})
    _check_args(local_etcd.get("extraArgs"), "etcd.local.extraArgs", api, kind)
    if not doc.get("controlPlaneEndpoint"):
        _fail(kind, "controlPlaneEndpoint is required by this stand-in (an HA cluster's VIP or DNS name: host:port)")
    split_host_port(str(doc["controlPlaneEndpoint"]))
    wanted = doc.get("kubernetesVersion")
    if wanted:
        want, have = parse_version(str(wanted)), parse_version(binary)
        if want[:2] > have[:2] or (want[:2] == have[:2] and want[2] > have[2]):
            _fail(kind, f'kubernetesVersion "{wanted}" is newer than kubeadm v{binary}: upgrade kubeadm first')
        if want[0] != have[0] or want[1] < have[1] - 1:
            _fail(kind, f'this version of kubeadm only supports deploying clusters with the control plane version '
                        f'>= {have[0]}.{have[1] - 1}.0. Current version: {wanted}')
    algorithm = doc.get("encryptionAlgorithm")
    if algorithm and algorithm not in ("RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256", "ECDSA-P384"):
        _fail(kind, f'encryptionAlgorithm "{algorithm}" is not supported')


def _check_join(doc, api):
    kind = "JoinConfiguration"
    _check_node_registration(doc.get("nodeRegistration"), api, kind)
    _check_timeouts(doc, api, kind)
    discovery = doc.get("discovery")
    allowed = {"bootstrapToken", "file", "tlsBootstrapToken"} | ({"timeout"} if api == "v1beta3" else set())
    if api == "v1beta4" and isinstance(discovery, dict) and "timeout" in discovery:
        _fail(kind, 'strict decoding error: unknown field "discovery.timeout" (v1beta4 uses timeouts.discovery)')
    _check_fields(discovery, allowed, "discovery", kind)
    token = (discovery or {}).get("bootstrapToken")
    if not token:
        _fail(kind, "discovery.bootstrapToken is required by this stand-in (file discovery is not emulated)")
    _check_fields(token, NESTED["bootstrapToken"], "discovery.bootstrapToken", kind)
    split_host_port(str(token.get("apiServerEndpoint", "")), "discovery.bootstrapToken.apiServerEndpoint")
    if not TOKEN_PATTERN.match(str(token.get("token", ""))):
        _fail(kind, "discovery.bootstrapToken.token must look like abcdef.0123456789abcdef")
    if not token.get("caCertHashes") and not token.get("unsafeSkipCAVerification"):
        _fail(kind, "using token-based discovery without caCertHashes can be unsafe. Set "
                    "unsafeSkipCAVerification as true in your kubeadm config file or pass "
                    "--discovery-token-unsafe-skip-ca-verification flag to continue")
    control_plane = doc.get("controlPlane")
    _check_fields(control_plane, NESTED["controlPlane"], "controlPlane", kind)
    if control_plane:
        _check_fields(control_plane.get("localAPIEndpoint"), NESTED["localAPIEndpoint"],
                      "controlPlane.localAPIEndpoint", kind)


def validate_documents(docs: list, binary: str = None) -> KubeadmConfig:
    """Check every document against what kubeadm `binary` (default: this one) accepts."""
    binary = binary or version()
    minor = minor_of(binary)
    config = KubeadmConfig()
    if not docs:
        raise StandinError("the config file holds no documents")
    for doc in docs:
        if not isinstance(doc, dict) or "apiVersion" not in doc or "kind" not in doc:
            raise StandinError("every document needs apiVersion and kind")
        api_version, kind = str(doc["apiVersion"]), str(doc["kind"])
        if api_version == KUBELET_API and kind == "KubeletConfiguration":
            config.kubelet = doc
            continue
        if api_version == KUBEPROXY_API and kind == "KubeProxyConfiguration":
            config.kubeproxy = doc
            continue
        group, _, api = api_version.partition("/")
        if group != KUBEADM_GROUP or api not in ("v1beta3", "v1beta4") or (api, kind) not in FIELDS:
            if group == KUBEADM_GROUP and api in ("v1beta1", "v1beta2", "v1beta3", "v1beta4"):
                if (api, kind) not in FIELDS and api in ("v1beta3", "v1beta4"):
                    raise StandinError(f'no kind "{kind}" is registered for version "{api_version}"')
                raise StandinError(f'your configuration file uses an old API spec: "{api_version}"; '
                                   'please migrate with "kubeadm config migrate"')
            raise StandinError(f'no kind "{kind}" is registered for version "{api_version}"')
        if api == "v1beta3" and minor >= 36:
            raise StandinError(f'your configuration file uses an old API spec: "{api_version}"; this version of '
                               f'kubeadm (v{binary}) only supports "kubeadm.k8s.io/v1beta4". Migrate with '
                               '"kubeadm config migrate" using kubeadm 1.35')
        if api == "v1beta4" and minor < 31:
            raise StandinError(f'no kind "{kind}" is registered for version "{api_version}" in kubeadm v{binary} '
                               '(v1beta4 needs kubeadm 1.31 or later; use kubeadm.k8s.io/v1beta3)')
        if config.api_version and config.api_version != api_version:
            raise StandinError(f"mixed kubeadm API versions in one file: {config.api_version} and {api_version}")
        config.api_version = api_version
        _check_fields(doc, FIELDS[(api, kind)], "", kind)
        if kind == "InitConfiguration":
            _check_init(doc, api)
            config.init = doc
        elif kind == "ClusterConfiguration":
            _check_cluster(doc, api, binary)
            config.cluster = doc
        elif kind == "JoinConfiguration":
            _check_join(doc, api)
            config.join = doc
        elif kind == "UpgradeConfiguration":
            config.upgrade = doc
        else:
            config.reset = doc
    if config.api_version and config.api_version.endswith("v1beta3") and minor >= 31:
        warn(config, f'WARNING: "{config.api_version}" is deprecated and will be removed in 1.36: '
                     'use "kubeadm config migrate" to move to kubeadm.k8s.io/v1beta4')
    return config
