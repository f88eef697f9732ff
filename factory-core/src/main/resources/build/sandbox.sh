# The build sandbox. Run by the factory as
#   unshare --mount [--net] --pid --ipc --uts [--user --map-root-user] --fork --kill-child /bin/sh -c "<this>" sandbox <command...>
# with an environment holding only the SBX_* settings below. It builds a new root out of read-only views of the
# system (/usr, /etc, the JDK and Maven), the read-only Maven repository, an empty size-limited /build with a copy of
# the sources, an empty /tmp and a fresh /proc; then runs <command> in /build as an unprivileged user (or, in a user
# namespace, as the caller's own user with every capability dropped) under resource limits, with no network (a new
# network namespace whose only interface is its own loopback: up for builds, mutation testing and previews, so that a
# module's tests can serve and call its local server, and reaching nothing outside the namespace; only the preparation
# of a template's builds, which downloads, keeps the host's network). When the command ends, every process it left is
# killed and the regular files under SBX_COLLECT are copied to SBX_OUTPUT. Exit status: the command's.
#
# SBX_ROOT        an empty host directory to mount the sandbox's root on
# SBX_SOURCES     host directory copied into /build
# SBX_OUTPUT      host directory the collected files are copied to
# SBX_COLLECT     space-separated glob patterns relative to /build (e.g. target/surefire-reports/*.xml)
# SBX_REPOSITORY  host Maven repository, mounted read-only at /repository
# SBX_REPOSITORY_WRITABLE  "yes" to mount it writable (preparing a template's builds, which download into it)
# SBX_RO_PATHS    space-separated host directories mounted read-only at the same path (a JDK or Maven outside /usr)
# SBX_UID SBX_GID the user and group the command runs as; empty in user-namespace mode
# SBX_DISK_MB     size of /build; SBX_TMP_MB size of /tmp
# SBX_CGROUPS     space-separated cgroup.procs files this sandbox joins (memory and process limits set by the factory)
# SBX_PRLIMIT     prlimit options (per-process limits)
# SBX_PREVIEW_DIR a host directory mounted writable at /preview, and the loopback interface brought up: a preview server
#                 (./factory preview) listens on its own loopback and on a Unix socket there, which the factory relays
#                 to; still no other network. Empty for builds.
# SBX_LOOPBACK    "yes" to bring up the loopback interface of the sandbox's own network namespace (reaches nothing
#                 outside it): builds (a module's tests serve and call its local server) and mutation testing (PIT's
#                 processes talk to each other over it)
set -eu
umask 022
R="$SBX_ROOT"
mount -t tmpfs -o size=16m,mode=0755,nosuid,nodev sandbox-root "$R"

robind() {
  mkdir -p "$R$1"
  mount --rbind "$1" "$R$1"
  mount -o remount,bind,ro "$R$1"
}
robind /usr
robind /etc
for l in bin sbin lib lib32 lib64 libx32; do
  if [ -L "/$l" ]; then
    ln -s "$(readlink "/$l")" "$R/$l"
  elif [ -d "/$l" ]; then
    robind "/$l"
  fi
done
for p in $SBX_RO_PATHS; do
  case "$p" in /usr/*|/etc/*) ;; *) robind "$p" ;; esac
done

mkdir -p "$R/repository" "$R/build" "$R/tmp" "$R/proc" "$R/dev"
mount --bind "$SBX_REPOSITORY" "$R/repository"
if [ "${SBX_REPOSITORY_WRITABLE:-}" = yes ]; then
  [ -n "$SBX_UID" ] && chown -R "$SBX_UID:$SBX_GID" "$R/repository"
else
  mount -o remount,bind,ro "$R/repository"
fi
mount -t tmpfs -o "size=${SBX_DISK_MB}m,mode=0755,nosuid,nodev" sandbox-build "$R/build"
mount -t tmpfs -o "size=${SBX_TMP_MB}m,mode=1777,nosuid,nodev" sandbox-tmp "$R/tmp"
mount -t proc -o nosuid,nodev,noexec proc "$R/proc"
for n in null zero full random urandom; do
  touch "$R/dev/$n"
  mount --bind "/dev/$n" "$R/dev/$n"
done
ln -s /proc/self/fd "$R/dev/fd"
ln -s /proc/self/fd/0 "$R/dev/stdin"
ln -s /proc/self/fd/1 "$R/dev/stdout"
ln -s /proc/self/fd/2 "$R/dev/stderr"

loopback_up() {
  ip=""
  for c in /usr/sbin/ip /sbin/ip /usr/bin/ip; do [ -x "$c" ] && ip="$c" && break; done
  if [ -z "$ip" ]; then
    echo "sandbox: $1 needs the ip command (package iproute2) to bring up the sandbox's own loopback interface" >&2
    exit 126
  fi
  "$ip" link set lo up
}
if [ -n "${SBX_PREVIEW_DIR:-}" ]; then
  mkdir -p "$R/preview"
  mount --bind "$SBX_PREVIEW_DIR" "$R/preview"
  [ -n "$SBX_UID" ] && chown "$SBX_UID:$SBX_GID" "$R/preview"
  loopback_up "a preview"
elif [ "${SBX_LOOPBACK:-}" = yes ]; then
  loopback_up "a build"
fi

cp -R "$SBX_SOURCES/." "$R/build/"
mkdir -p "$R/tmp/home"
if [ -n "$SBX_UID" ]; then
  chown -R "$SBX_UID:$SBX_GID" "$R/build" "$R/tmp/home"
fi
mount -o remount,ro "$R"

for f in $SBX_CGROUPS; do
  echo $$ > "$f"
done

if [ -n "$SBX_UID" ]; then
  drop="--reuid=$SBX_UID --regid=$SBX_GID --clear-groups"
else
  drop="--securebits=+noroot,+noroot_locked,+no_setuid_fixup,+no_setuid_fixup_locked,+keep_caps_locked"
fi
set +e
# shellcheck disable=SC2086
/usr/sbin/chroot "$R" /usr/bin/prlimit $SBX_PRLIMIT -- \
  /usr/bin/setpriv $drop --no-new-privs --inh-caps=-all --ambient-caps=-all --bounding-set=-all -- "$@" </dev/null
status=$?
set -e

# Nothing the command started may outlive it or change what is collected: kill every other process in this
# namespace, again and again, until two looks in a row find none alive (zombies are dead and hold nothing). A look
# reads the State line of every thread (a process cannot hide behind its name, which /proc escapes there, nor behind
# a main thread that exited while another runs) and uses only shell builtins, so it adds no process of its own (a
# pipeline of ls and grep always found itself, and the wait ran out its 2 s on every build). If some process still
# lives after 100 rounds, nothing is collected and the build fails.
others_alive() {
  for t in "$R"/proc/[0-9]*/task/[0-9]*/status; do
    p="${t#"$R"/proc/}"
    [ "${p%%/*}" = 1 ] && continue
    state=""
    { while IFS= read -r line; do
        case "$line" in State:*) state="$line"; break ;; esac
      done < "$t"; } 2>/dev/null || continue
    case "$state" in "" | *"Z (zombie)"* | *"X (dead)"*) continue ;; esac
    return 0
  done
  return 1
}
clean=0
rounds=0
while [ "$clean" -lt 2 ]; do
  kill -KILL -1 2>/dev/null || true
  if others_alive; then
    clean=0
    rounds=$((rounds + 1))
    [ "$rounds" -ge 100 ] && break
    sleep 0.02
  else
    clean=$((clean + 1))
  fi
done
if [ "$clean" -lt 2 ]; then
  echo "sandbox: a process the build started could not be stopped; nothing was collected" >&2
  exit 125
fi

# Regular files only (find does not follow symbolic links), at most 200 of at most 8 MiB each.
cd "$R/build"
count=0
for pattern in $SBX_COLLECT; do
  find . -path "./$pattern" -type f -size -8193k 2>/dev/null | while IFS= read -r f; do
    count=$((count + 1))
    [ "$count" -gt 200 ] && break
    mkdir -p "$SBX_OUTPUT/$(dirname "$f")"
    cp -P "$f" "$SBX_OUTPUT/$f"
  done
done
exit "$status"
