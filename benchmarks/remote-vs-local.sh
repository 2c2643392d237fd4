#!/usr/bin/env bash
# Checks that benching through SSH measures what a local bench measures: interleaves `flopscope bench MODEL` and
# `flopscope bench MODEL --host H` (same model, threads, runs), takes each run's median latency from its JSON, and
# exits 1 when the median of the per-round ratios remote/local is off by more than 5%.
#
#   benchmarks/remote-vs-local.sh [MODEL] [ROUNDS] [RUNS] [THREADS]
#
# HOST=user@host uses your own ssh setup (the machine must reach itself, e.g. localhost with your key); without HOST
# the script starts a throwaway sshd (Debian's openssh-server) on a free localhost port with its own host key, client
# key and ssh_config, and removes it all at the end. The remote flopscope is the same Release build as the local one.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-tests/fixtures/models/squeezenet1_1.onnx.gz}"
rounds="${2:-5}"
runs="${3:-40}"
threads="${4:-1}"

work="$(mktemp -d)"
sshd_pid=""
cleanup() {
  if [ -n "$sshd_pid" ]; then kill "$sshd_pid" 2>/dev/null || true; wait "$sshd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish src/FlopScope.Cli -c Release -o "$work/cli" -v q -nologo >/dev/null
dotnet_host="$(command -v dotnet)"
printf '#!/bin/sh\nexec %s %s "$@"\n' "$dotnet_host" "$work/cli/flopscope.dll" > "$work/flopscope"
chmod +x "$work/flopscope"
flopscope=("$dotnet_host" "$work/cli/flopscope.dll")

ssh_args=()
host="${HOST:-}"
if [ -z "$host" ]; then
  [ -x /usr/sbin/sshd ] || { echo "needs /usr/sbin/sshd (apt-get install -y openssh-server) or HOST=user@host" >&2; exit 2; }
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$work/client_key"
  cp "$work/client_key.pub" "$work/authorized_keys"
  [ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd
  cat > "$work/sshd_config" <<CFG
Port $port
ListenAddress 127.0.0.1
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem sftp /usr/lib/openssh/sftp-server
CFG
  echo "[127.0.0.1]:$port $(cat "$work/host_key.pub")" > "$work/known_hosts"
  cat > "$work/ssh_config" <<CFG
Host localhost
  HostName 127.0.0.1
  Port $port
  User $(id -un)
  IdentityFile $work/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $work/known_hosts
  StrictHostKeyChecking yes
  LogLevel ERROR
CFG
  /usr/sbin/sshd -D -e -f "$work/sshd_config" 2>"$work/sshd.log" &
  sshd_pid=$!
  for _ in $(seq 50); do ssh -F "$work/ssh_config" -o BatchMode=yes localhost true 2>/dev/null && break; sleep 0.2; done
  host=localhost
  ssh_args=(--ssh-config "$work/ssh_config")
fi

common=(bench "$model" --runs "$runs" --warmup 5 --layer-runs 0 --threads "$threads" --format json)
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["latency"]["median_ms"])' "$1"; }

echo "model $model, $rounds rounds of local and remote (alternating which goes first), $runs timed runs each, $threads thread(s); host $host; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %12s %12s %8s\n' round "local ms" "remote ms" ratio
ratios=()
for r in $(seq "$rounds"); do
  # Alternate which goes first, so a drift in the machine's speed does not favour one side.
  if [ $((r % 2)) -eq 1 ]; then
    "${flopscope[@]}" "${common[@]}" > "$work/local.json" 2>/dev/null
    "${flopscope[@]}" "${common[@]}" --host "$host" "${ssh_args[@]}" --remote-command "$work/flopscope" > "$work/remote.json" 2>/dev/null
  else
    "${flopscope[@]}" "${common[@]}" --host "$host" "${ssh_args[@]}" --remote-command "$work/flopscope" > "$work/remote.json" 2>/dev/null
    "${flopscope[@]}" "${common[@]}" > "$work/local.json" 2>/dev/null
  fi
  l="$(median "$work/local.json")"; m="$(median "$work/remote.json")"
  ratio="$(python3 -c "print(f'{$m/$l:.4f}')")"
  ratios+=("$ratio")
  printf '%-6s %12.3f %12.3f %8s\n' "$r" "$l" "$m" "$ratio"
done

python3 - "${ratios[@]}" <<'PY'
import statistics, sys
ratios = [float(x) for x in sys.argv[1:]]
m = statistics.median(ratios)
print(f"median ratio remote/local of the median latencies: {m:.4f} ({(m - 1) * 100:+.1f}%), min {min(ratios):.4f}, max {max(ratios):.4f}")
sys.exit(0 if abs(m - 1) <= 0.05 else 1)
PY
