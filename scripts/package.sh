#!/usr/bin/env bash
# Builds the Debian package nianbao_<version>_<arch>.deb into the repository root, from a clean
# build folder (build-deb-<arch>/) with CPack's DEB generator: Depends computed by dpkg-shlibdeps,
# Debian's hardening flags, then lintian (docs/packaging.md explains what it still reports).
#   scripts/package.sh                     for this machine (amd64)
#   scripts/package.sh --arch arm64        cross-built with Debian's cross toolchain and the :arm64
#                                          -dev packages (cmake/aarch64-linux-gnu.cmake); the program
#                                          is checked under qemu-aarch64-static
#   ... --unit-tests                       also builds the unit tests in the same folder and runs
#                                          them first (under qemu for arm64); scripts/test.sh does this
# Installs what it needs with apt, like scripts/setup.sh (root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

host_arch=$(dpkg --print-architecture)
arch=$host_arch
unit_tests=0
while [ $# -gt 0 ]; do
  case $1 in
    --arch) arch=${2:-}; shift 2 || { echo "--arch 后缺少体系结构（amd64 或 arm64）。" >&2; exit 2; } ;;
    --unit-tests) unit_tests=1; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "不认识的参数 $1（用法：scripts/package.sh [--arch amd64|arm64] [--unit-tests]）。" >&2; exit 2 ;;
  esac
done
cross=0
if [ "$arch" != "$host_arch" ]; then
  if [ "$host_arch" != amd64 ] || [ "$arch" != arm64 ]; then
    echo "只支持在本机体系结构（$host_arch）上打包，或在 amd64 上交叉构建 arm64，不支持 --arch $arch。" >&2
    exit 2
  fi
  cross=1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "需要以 root 身份运行，或先安装 sudo。" >&2; exit 1; }
  sudo="sudo"
fi

# --- what the build needs ---------------------------------------------------------------------
want=(build-essential cmake pkg-config dpkg-dev file lintian gzip)
libs=(libxlsxwriter-dev libpugixml-dev libboost-program-options-dev libminizip-dev zlib1g-dev libdeflate-dev)
[ $unit_tests = 1 ] && want+=(catch2 nlohmann-json3-dev)  # both headers only, the same for every architecture
if [ $cross = 1 ]; then
  want+=(crossbuild-essential-arm64 qemu-user-static libc6:arm64)
  for l in "${libs[@]}"; do want+=("$l:arm64"); done
else
  want+=("${libs[@]}")
fi
update=0
if [ $cross = 1 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "启用 arm64 多体系结构（dpkg --add-architecture arm64）"
  $sudo dpkg --add-architecture arm64
  update=1
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "正在安装：${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
elif [ $update = 1 ]; then
  $sudo apt-get update -q
fi

# --- build ------------------------------------------------------------------------------------
dir=build-deb-$arch
rm -rf "$dir"
# Debian's flags for this architecture (fortify, stack protector, full RELRO, build paths kept
# out of the binary) on top of the project's Release flags; no -g, the package is stripped anyway.
export DEB_BUILD_MAINT_OPTIONS="hardening=+all"
flags() { DEB_HOST_ARCH=$arch dpkg-buildflags --get "$1" 2>/dev/null | sed 's/\(^\| \)-g\( \|$\)/ /g'; }
cxxflags="$(flags CPPFLAGS) $(flags CXXFLAGS)"
ldflags=$(flags LDFLAGS)
config=(-DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr
        -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags"
        -DNIANBAO_TESTS=$([ $unit_tests = 1 ] && echo ON || echo OFF)
        # cpack installs what was built here, not the whole "all" target (tools, e2e tests).
        -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON)
[ $cross = 1 ] && config+=(-DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/aarch64-linux-gnu.cmake")
[ -n "${MAINTAINER:-}" ] && config+=(-DNIANBAO_MAINTAINER="$MAINTAINER")
cmake -S . -B "$dir" "${config[@]}" >/dev/null
targets=(nianbao nianbao_docs)
[ $unit_tests = 1 ] && targets+=(unit_tests)
start=$SECONDS
nice cmake --build "$dir" -j"${JOBS:-$(nproc)}" --target "${targets[@]}"
echo "构建用时：$((SECONDS - start)) 秒"

# The program as it runs on the target: directly here, or under qemu-user for arm64. Under qemu
# nianbao does not start itself again for malloc tuning: the emulated execve of /proc/self/exe is
# not something to rely on, and the run is not about speed.
# Not QEMU_LD_PREFIX=/usr/aarch64-linux-gnu: that loader (libc6-arm64-cross) can be older than the
# libc6:arm64 the libraries come with, and the mix hangs in the first pthread_create; qemu then
# takes /lib/ld-linux-aarch64.so.1 of libc6:arm64 (see cmake/aarch64-linux-gnu.cmake).
if [ $cross = 1 ]; then
  unset QEMU_LD_PREFIX
  on_target() { NIANBAO_MALLOC_TUNED=1 qemu-aarch64-static "$@"; }
else
  on_target() { "$@"; }
fi

if [ $unit_tests = 1 ]; then
  start=$SECONDS
  echo "== 单元测试（$arch$([ $cross = 1 ] && echo "，qemu-aarch64-static")）=="
  (cd "$dir/tests" && on_target ./unit_tests)
  echo "单元测试用时：$((SECONDS - start)) 秒"
fi

# --- package ----------------------------------------------------------------------------------
# DEB_HOST_ARCH and DEB_HOST_MULTIARCH tell dpkg-shlibdeps where the target's libraries live.
(cd "$dir" && DEB_HOST_ARCH=$arch DEB_HOST_MULTIARCH=$(dpkg-architecture -a"$arch" -qDEB_HOST_MULTIARCH 2>/dev/null) \
   cpack -G DEB)
deb=$(cd "$dir" && ls nianbao_*_"$arch".deb)
mv "$dir/$deb" .
echo "== $deb（$(du -k "$deb" | cut -f1) KB）=="
dpkg-deb -f "$deb" Package Version Architecture Depends Suggests Installed-Size

# The packaged program, from the package's own layout: right architecture, prints its version, and
# finds the packaged templates.
unpacked=$dir/unpacked
dpkg-deb -x "$deb" "$unpacked"
file -b "$unpacked/usr/bin/nianbao"
case $arch in
  amd64) file -b "$unpacked/usr/bin/nianbao" | grep -q "x86-64" ;;
  arm64) file -b "$unpacked/usr/bin/nianbao" | grep -q "ARM aarch64" ;;
esac || { echo "usr/bin/nianbao 不是 $arch 的程序。" >&2; exit 1; }
version=$(dpkg-deb -f "$deb" Version)
printed=$(unset NIANBAO_TEMPLATES; on_target "$unpacked/usr/bin/nianbao" --version --verbose)
echo "$printed"
echo "$printed" | grep -qx "nianbao $version" || { echo "usr/bin/nianbao 没有输出版本 $version。" >&2; exit 1; }
echo "$printed" | grep -qx "模板目录：$(realpath "$unpacked")/usr/share/nianbao/templates" \
  || { echo "usr/bin/nianbao 没有找到软件包中的模板。" >&2; exit 1; }

# Findings at error and warning level fail the build; those that stay are overridden in the
# package, each with its reason (docs/packaging.md).
echo "== lintian =="
lintian --fail-on error,warning --display-info --show-overrides "$deb"
echo "已生成 $deb"
