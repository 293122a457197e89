# Shared by images/test-qemu and images/test-power-cut: sourced, not run.
# Needs scripts/common.sh sourced first.

QEMU_OUT=.build-image/out

# Sets QEMU_ACCEL and QEMU_CPU: KVM when it can boot this kernel (a short
# probe: on some hosts /dev/kvm is there but a stock kernel never gets
# going), else software emulation.
qemu_pick_accel() {
    QEMU_ACCEL=tcg
    QEMU_CPU=max
    if [ -w /dev/kvm ]; then
        local probe=$QEMU_OUT/kvm-probe.log
        ( timeout 12 qemu-system-x86_64 -accel kvm -cpu host -m 512 -nographic -no-reboot -nic none \
            -kernel "$QEMU_OUT/vmlinuz" -append "console=ttyS0 panic=-1" || true ) > "$probe" 2>&1 || true
        if grep -q "Kernel panic\|Run /init\|VFS: Unable to mount root" "$probe"; then
            QEMU_ACCEL=kvm
            QEMU_CPU=host
        fi
    fi
}

# qemu_start DRIVE LOG [KERNEL ARGS...]: boots the image's kernel on the
# virtio disk DRIVE (a qemu -drive value) in the background, console to LOG;
# sets QEMU_PID. With QEMU_TIMEOUT set, the VM runs under timeout(1) with
# that limit (QEMU_PID is then timeout's: exit 124 or 137 when it hit).
qemu_start() {
    local drive=$1 log=$2
    shift 2
    local limit=()
    [ -n "${QEMU_TIMEOUT:-}" ] && limit=(timeout --kill-after=10 "$QEMU_TIMEOUT")
    "${limit[@]}" qemu-system-x86_64 \
        -accel "$QEMU_ACCEL" -cpu "$QEMU_CPU" -smp 2 -m 1024 \
        -nographic -no-reboot -nic none \
        -drive "$drive" \
        -kernel "$QEMU_OUT/vmlinuz" -initrd "$QEMU_OUT/initrd.img" \
        -append "root=/dev/vda rw console=ttyS0 panic=-1 systemd.show_status=0 loglevel=4 $*" \
        < /dev/null > "$log" 2>&1 &
    QEMU_PID=$!
}

# The lines the VM printed, without the serial console's carriage returns.
qemu_log() { tr -d '\r' < "$1"; }
