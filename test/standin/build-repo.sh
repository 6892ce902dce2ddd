#!/bin/bash
# STAND-IN, not Kubernetes.
# Build the signed local apt repository of stand-in Kubernetes packages
# (kubeadm, kubelet, kubectl, cri-tools, kubernetes-cni) laid out like
# pkgs.k8s.io: one flat repository per minor at
#   <out>/core:/stable:/v1.31/deb/{Packages,Release,InRelease,Release.gpg,Release.key}
# signed with a throwaway gpg key (no passphrase), whose ASCII-armored public
# key is Release.key, exactly where pkgs.k8s.io has it.
# Usage: test/standin/build-repo.sh [--force]
#   STANDIN_REPO_DIR  output (default /var/lib/tsplay-lab/kube-repo)
#   STANDIN_GPG_HOME  the signing key's home (default /var/cache/tsplay-lab/kube-repo-gpg;
#                     kept across `test/lab/down` so hosts' keyrings stay valid)
# Rebuilds only when the stand-in sources or this script changed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${STANDIN_REPO_DIR:-/var/lib/tsplay-lab/kube-repo}
gpg_home=${STANDIN_GPG_HOME:-/var/cache/tsplay-lab/kube-repo-gpg}
# Versions as pkgs.k8s.io spells them. Several patches of 1.31 (apt-cache madison,
# pinning); every minor from 1.30 to 1.36 (upgrades never skip a minor; 1.36
# rejects kubeadm.k8s.io/v1beta3).
VERSIONS=(1.30.6-1.1 1.31.2-1.1 1.31.3-1.1 1.32.1-1.1 1.33.5-1.1 1.34.2-1.1 1.35.1-1.1 1.36.0-1.1)
arch=$(dpkg --print-architecture)
# Fixed timestamps: the same sources give byte-identical .deb files, so no
# cache between a host and the repo can hold a stale copy under the same name.
export SOURCE_DATE_EPOCH=1700000000

die() { echo "build-repo: $*" >&2; exit 1; }
for tool in dpkg-deb apt-ftparchive gpg; do command -v "$tool" >/dev/null || die "$tool is missing"; done

source_hash=$({ cat "$0" "$here"/bin/* "$here"/lib/*.py; printf '%s\n' "${VERSIONS[@]}"; } | sha256sum | cut -d' ' -f1)
if [[ ${1:-} != --force && -f $out/.source-hash && $(cat "$out/.source-hash") == "$source_hash" ]]; then
  echo "build-repo: $out is up to date"
  exit 0
fi

ensure_key() {
  mkdir -p "$gpg_home"
  chmod 700 "$gpg_home"
  if ! gpg --homedir "$gpg_home" --batch --list-secret-keys standin@tsplay.invalid >/dev/null 2>&1; then
    gpg --homedir "$gpg_home" --batch --passphrase '' --quick-generate-key \
      "tsplay stand-in Kubernetes repo (STAND-IN, not Kubernetes) <standin@tsplay.invalid>" rsa3072 sign never 2>/dev/null
  fi
}

# stage_package NAME VERSION DEPENDS DESCRIPTION: prints the staging directory.
stage_package() {
  local name=$1 version=$2 depends=$3 description=$4 dir
  dir=$(mktemp -d "$work/pkg.XXXX")
  mkdir -p "$dir/DEBIAN"
  cat >"$dir/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Architecture: $arch
Maintainer: tsplay test lab <standin@tsplay.invalid>
Depends: $depends
Section: admin
Priority: optional
Homepage: https://github.com/tsplay (test/standin)
Description: $description (STAND-IN, not Kubernetes)
 A stand-in for the tsplay test lab: it validates arguments and configuration
 like the real tool and writes the files it would, but runs no containers,
 no etcd and no scheduling.
CONTROL
  echo "$dir"
}

# install_program DIR PROGRAM LIBDIR VERSION: the program in /usr/bin, the shared library next to it.
install_program() {
  local dir=$1 program=$2 libdir=$3 kube_version=$4
  install -D -m 0755 "$here/bin/$program" "$dir/usr/bin/$program"
  mkdir -p "$dir/usr/lib/$libdir"
  for lib in "$here"/lib/*.py; do
    sed "s/^PACKAGE_VERSION = .*/PACKAGE_VERSION = \"$kube_version\"/" "$lib" >"$dir/usr/lib/$libdir/$(basename "$lib")"
  done
}

build_deb() {
  local dir=$1 target=$2
  find "$dir" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  dpkg-deb --root-owner-group -Zgzip --build "$dir" "$target" >/dev/null
}

kubelet_units() {
  local dir=$1
  mkdir -p "$dir/lib/systemd/system/kubelet.service.d"
  cat >"$dir/lib/systemd/system/kubelet.service" <<'UNIT'
# STAND-IN, not Kubernetes: like the real unit, the kubelet crash-loops until
# kubeadm has written /var/lib/kubelet/config.yaml.
[Unit]
Description=kubelet: The Kubernetes Node Agent (STAND-IN, not Kubernetes)
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
UNIT
  cat >"$dir/lib/systemd/system/kubelet.service.d/10-kubeadm.conf" <<'UNIT'
# STAND-IN, not Kubernetes: the drop-in kubeadm's package ships.
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
UNIT
  # Like the real package: enabled and started on install, crash-looping until kubeadm runs.
  cat >"$dir/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = configure ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload || true
  systemctl enable kubelet.service >/dev/null 2>&1 || true
  systemctl restart kubelet.service >/dev/null 2>&1 || true
fi
SCRIPT
  cat >"$dir/DEBIAN/prerm" <<'SCRIPT'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
  systemctl disable --now kubelet.service >/dev/null 2>&1 || true
fi
SCRIPT
  chmod 0755 "$dir/DEBIAN/postinst" "$dir/DEBIAN/prerm"
}

build_minor() {
  local minor=$1 repo=$2 full kube_version dir pool
  pool="$repo/$arch"
  mkdir -p "$pool"
  local py="python3, python3-yaml, openssl"
  for full in "${VERSIONS[@]}"; do
    kube_version=${full%%-*}
    [[ $kube_version == "$minor".* ]] || continue
    dir=$(stage_package kubeadm "$full" "$py, cri-tools (>= $minor.0)" "Command-line utility for administering a Kubernetes cluster")
    install_program "$dir" kubeadm kubeadm-standin "$kube_version"
    install -m 0755 "$here/bin/kube-apiserver-standin" "$dir/usr/bin/kube-apiserver-standin"
    build_deb "$dir" "$pool/kubeadm_${full}_$arch.deb"
    dir=$(stage_package kubectl "$full" "$py" "Command-line utility for interacting with a Kubernetes cluster")
    install_program "$dir" kubectl kubectl-standin "$kube_version"
    build_deb "$dir" "$pool/kubectl_${full}_$arch.deb"
    dir=$(stage_package kubelet "$full" "$py, iproute2, kubernetes-cni (>= 1.1.1)" "Node agent for Kubernetes clusters")
    install_program "$dir" kubelet kubelet-standin "$kube_version"
    kubelet_units "$dir"
    build_deb "$dir" "$pool/kubelet_${full}_$arch.deb"
  done
  dir=$(stage_package cri-tools "$minor.0-1.1" "" "Command-line utility for interacting with a container runtime")
  sed -i '/^Depends: $/d' "$dir/DEBIAN/control"
  mkdir -p "$dir/usr/bin"
  printf '#!/bin/sh\n# STAND-IN, not Kubernetes: prints its version only.\ncase "$1" in --version|-v) echo "crictl version v%s.0 (STAND-IN, not Kubernetes)";; *) echo "crictl (STAND-IN, not Kubernetes): only --version" >&2; exit 1;; esac\n' "$minor" >"$dir/usr/bin/crictl"
  chmod 0755 "$dir/usr/bin/crictl"
  build_deb "$dir" "$pool/cri-tools_$minor.0-1.1_$arch.deb"
  dir=$(stage_package kubernetes-cni "1.5.1-1.1" "" "Binaries required to provision kubernetes container networking")
  sed -i '/^Depends: $/d' "$dir/DEBIAN/control"
  mkdir -p "$dir/opt/cni/bin"
  echo "STAND-IN, not Kubernetes: no CNI plugins here." >"$dir/opt/cni/bin/README.standin"
  build_deb "$dir" "$pool/kubernetes-cni_1.5.1-1.1_$arch.deb"

  (cd "$repo" && apt-ftparchive packages "$arch" >Packages 2>/dev/null && gzip -9nkf Packages)
  (cd "$repo" && apt-ftparchive \
    -o "APT::FTPArchive::Release::Origin=obs://build.opensuse.org/isv:kubernetes:core:stable:v$minor/deb" \
    -o "APT::FTPArchive::Release::Label=isv:kubernetes:core:stable:v$minor (STAND-IN, not Kubernetes)" \
    -o "APT::FTPArchive::Release::Architectures=$arch" \
    release . >Release.new && mv Release.new Release)
  local sign=(gpg --homedir "$gpg_home" --batch --yes --pinentry-mode loopback --passphrase '' --local-user standin@tsplay.invalid)
  "${sign[@]}" --clearsign -o "$repo/InRelease" "$repo/Release"
  "${sign[@]}" --armor --detach-sign -o "$repo/Release.gpg" "$repo/Release"
  gpg --homedir "$gpg_home" --batch --armor --export standin@tsplay.invalid >"$repo/Release.key"
}

ensure_key
mkdir -p "$(dirname "$out")"
work=$(mktemp -d "$(dirname "$out")/.kube-repo-build.XXXX")
trap 'rm -rf "$work"' EXIT
tree="$work/tree"
mapfile -t minors < <(printf '%s\n' "${VERSIONS[@]}" | cut -d. -f1,2 | sort -uV)
for minor in "${minors[@]}"; do
  build_minor "$minor" "$tree/core:/stable:/v$minor/deb"
done
echo "STAND-IN, not Kubernetes: signed apt repositories of stand-in packages, one per minor (test/standin)." >"$tree/README.txt"
echo "$source_hash" >"$tree/.source-hash"
# Swap the new tree in with renames, so a running server never serves half a build.
if [[ -d $out ]]; then mv "$out" "$work/old"; fi
mv "$tree" "$out"
echo "build-repo: built ${#VERSIONS[@]} versions in ${#minors[@]} minors under $out"
