# Cross-compiling for arm64 (Kunpeng, Phytium) on an x86-64 Debian machine with Debian's cross
# toolchain (crossbuild-essential-arm64) and the :arm64 multiarch -dev packages, as
# scripts/package.sh --arch arm64 installs them. Built programs run here under qemu-user.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Multiarch keeps the arm64 libraries in /usr/lib/aarch64-linux-gnu and their headers in /usr/include
# (shared with the host's): search the system root, but only ever take libraries and CMake/pkg-config
# files of the target, and programs of the host.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# ctest and catch_discover_tests run the test programs through this. No -L /usr/aarch64-linux-gnu:
# its loader (libc6-arm64-cross) may be older than the libc6:arm64 the :arm64 libraries bring, and
# that mix hangs in the first pthread_create. Without a prefix qemu takes /lib/ld-linux-aarch64.so.1
# of libc6:arm64, which matches.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64-static)
