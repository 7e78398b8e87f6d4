# meta.sh - metadata layers, shared host and stack records, --this-host.
. "$(dirname "$0")/lib.sh"

R="$SRC/results/lihil-2025"
mkdir -p d
cp "$R/01-axum.txt" d/a.txt
cp "$R/02-asyncio.txt" d/b.txt
cp "$R/03-uvicorn.txt" d/c.txt
cat > d/meta.json <<'JSON'
{"campaign": "dir default", "scenario": "from dir", "stack": {"language": "python", "framework": "dirfw"},
 "host": {"cpu_model": "Xeon", "vcpus": 4, "ram_mb": 8192, "virtualization": "KVM"}}
JSON
cat > common.json <<'JSON'
{"scenario": "from --meta", "tags": {"round": 1}, "tool": {"duration": "10s", "connections": 99}}
JSON
cat > d/b.meta.json <<'JSON'
{"stack": {"framework": "asyncio", "event_loop": "uvloop"}, "label": "beside"}
JSON
bdb import --meta common.json --server uvicorn --tag owner=me d/a.txt d/b.txt
expect_rc 0 "import with layers"
q() { sql "SELECT $1 FROM summary JOIN run USING (run_id) WHERE source_file = '$2'"; }
expect_eq "$(q 'campaign' d/a.txt)" "dir default" "DIR/meta.json campaign"
expect_eq "$(q 'summary.scenario' d/a.txt)" "from --meta" "--meta beats DIR/meta.json"
expect_eq "$(q 'framework' d/a.txt)" "dirfw" "DIR/meta.json framework"
expect_eq "$(q 'framework' d/b.txt)" "asyncio" "beside file beats --meta and DIR"
expect_eq "$(q 'summary.label' d/b.txt)" "beside" "label from the beside file"
expect_eq "$(q 'summary.label' d/a.txt)" "dirfw + uvicorn" "default label: framework + server"
expect_eq "$(q 'server' d/a.txt)" "uvicorn" "flag --server"
expect_eq "$(q 'summary.connections' d/a.txt)" 10 "printed connections beat metadata"
expect_eq "$(q 'summary.duration_s' d/a.txt)" 10.1 "printed duration beats metadata"
expect_eq "$(sql "SELECT group_concat(key || '=' || value, ',') FROM (SELECT * FROM run_tag JOIN run USING (run_id) JOIN source USING (source_id) WHERE file_name = 'd/a.txt' ORDER BY key)")" \
    "owner=me,round=1" "tags from --meta and --tag"
# Hosts and stacks are shared records.
expect_eq "$(sql 'SELECT count(*) FROM host')" 1 "one host row for both runs"
expect_eq "$(sql 'SELECT count(DISTINCT host_id) FROM run')" 1 "runs share the host"
expect_eq "$(sql 'SELECT count(*) FROM stack')" 2 "two stacks (dirfw, asyncio)"
expect_eq "$(q 'cpu_model || vcpus || ram_mb' d/a.txt)" "Xeon48192" "host fields"

# Flags win over every file.
bdb import --campaign flagged --framework flagfw --workers 4 d/c.txt
expect_eq "$(q "campaign || '/' || framework || '/' || workers" d/c.txt)" "flagged/flagfw/4" "flags win"

# --this-host reads the machine.
cp "$R/04-starlette.txt" here.txt
bdb import --this-host --this-load-host here.txt
expect_rc 0 "--this-host"
want_cpu=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//')
want_ram=$(( $(grep MemTotal /proc/meminfo | awk '{print $2}') / 1024 ))
expect_eq "$(q 'cpu_model' here.txt)" "$want_cpu" "this host's CPU model"
expect_eq "$(q 'vcpus' here.txt)" "$(nproc)" "this host's vCPUs"
expect_eq "$(q 'ram_mb' here.txt)" "$want_ram" "this host's RAM"
expect_eq "$(q 'load_cpu_model' here.txt)" "$want_cpu" "--this-load-host"
expect_eq "$(sql "SELECT kernel FROM host WHERE cpu_model = '$want_cpu'")" "$(uname -r)" "kernel"
os=$(. /etc/os-release && echo "$PRETTY_NAME")
expect_eq "$(q 'os' here.txt)" "$os" "os-release"
expect_match "$(q 'virtualization' here.txt)" "^(none|vm|kvm|docker|podman|lxc|[a-z-]+)$" "virtualization named"
expect_eq "$(sql "SELECT count(*) FROM run WHERE host_id = load_host_id AND host_id IS NOT NULL")" 1 \
    "the same machine is one host record"
finish
