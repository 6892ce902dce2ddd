# Sourced by up/down: every lab library, in dependency order.
# $(...) must stop on errors too (ensure_base_dir runs in one).
shopt -s inherit_errexit
LAB_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib"
for lib in common mirror base-image base-config network host-rootfs hosts proxy inventory teardown lock; do
  # shellcheck source=/dev/null
  source "$LAB_LIB/$lib.sh"
done
