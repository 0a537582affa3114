#!/bin/sh
# Stands in for gamescope in GamescopeSwapIT: gamescope itself cannot run on the test machines (lavapipe, Mesa's
# software Vulkan, lacks the DRM format modifiers its renderer needs). What lumen relies on is imitated: the app after
# "--" runs inside and gamescope exits with it; a PipeWire Video/Source named "gamescope" of the -W x -H size at -r
# appears, announced in gamescope's own node line. The node is lumen's pattern producer. GamescopeStandIn fills in
# the @...@ values.
width=1280 height=720 fps=60
while [ $# -gt 0 ]; do
  case "$1" in
    --help) echo "gamescope stand-in: -W w -H h -r fps -- app"; exit 0 ;;
    -W) width=$2; shift ;;
    -H) height=$2; shift ;;
    -r) fps=$2; shift ;;
    --) shift; break ;;
  esac
  shift
done
out=$(mktemp)
"@JAVA@" --enable-native-access=ALL-UNNAMED -Djava.util.logging.config.file=/dev/null -cp "@CLASSPATH@" \
  io.lumen.tools.pwproducer.ProducerMain --remote "@SOCKET@" --name gamescope --size "${width}x${height}" \
  --fps "$fps" >"$out" 2>&1 &
producer=$!
trap 'kill $producer 2>/dev/null; rm -f "$out"' EXIT
trap 'exit 143' TERM
tries=0
until grep -q '^ready ' "$out"; do
  if ! kill -0 $producer 2>/dev/null || [ $tries -gt 300 ]; then
    cat "$out"
    exit 1
  fi
  tries=$((tries + 1))
  sleep 0.1
done
node=$(sed -n 's/^ready .* id=\([0-9]*\) .*/\1/p' "$out")
echo "[gamescope] [Info]  pipewire: stream available on node ID: $node"
"$@" &
wait $!
