#!/usr/bin/env bash
# Starts the whole platform with demo data: PostgreSQL, Kafka, migrations, every service, Ganzhou demo cases.
# Services run in the background, logging to .run/<service>.log; `npm run stop:all` stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

[ -d node_modules ] || { step "npm ci"; npm ci --no-audit --no-fund; }
ensure_postgres
ensure_kafka
step "broker ACLs of every service"
node -r @swc-node/register scripts/kafka/grant.ts

step "migrations"
npm run -s migrate

step "portal web (Vite build)"
npm run -s build:portal

mkdir -p .run
# Services check the portal's tokens against its published keys.
export JWT_JWKS_URL=${JWT_JWKS_URL:-http://127.0.0.1:3000/.well-known/jwks.json}
declare -A PORTS MAINS
SVCS=()
while read -r name port main; do SVCS+=("$name"); PORTS[$name]=$port; MAINS[$name]=$main; done < <(node -r @swc-node/register scripts/list-services.ts)
for svc in "${SVCS[@]}"; do
  pidfile=.run/$svc.pid
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "$svc already running (pid $(cat "$pidfile"))"; continue
  fi
  step "starting $svc on port ${PORTS[$svc]}"
  PORT=${PORTS[$svc]} nohup node -r @swc-node/register "${MAINS[$svc]}" >>".run/$svc.log" 2>&1 &
  echo $! > "$pidfile"
done

for svc in "${SVCS[@]}"; do
  for i in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:${PORTS[$svc]}/health" >/dev/null; then break; fi
    kill -0 "$(cat .run/$svc.pid)" 2>/dev/null || { echo "$svc exited; last log lines:" >&2; tail -n 20 ".run/$svc.log" >&2; exit 1; }
    [ "$i" -lt 120 ] || { echo "$svc did not become healthy in 60 s (see .run/$svc.log)" >&2; exit 1; }
    sleep 0.5
  done
  echo "$svc healthy"
done

step "demo data"
node -r @swc-node/register scripts/seed-users.ts
node -r @swc-node/register scripts/seed-demo.ts

token() { node -r @swc-node/register scripts/token.ts "$@"; }
cat <<MSG

援联 Yuanlian is running.

  门户 Portal (open in a browser)  http://127.0.0.1:3000
  Demo logins, password Yuanlian2026 for all:
    zg.clerk       章贡区法律援助中心 受理登记员（可查看完整身份信息）
    zg.director    章贡区法律援助中心 负责人（典型案例县级审核）  city.legalaid 赣州市法律援助中心 负责人（市级审核）
    zg.inspector   章贡区劳动保障监察 监察员          nk.inspector  南康区劳动保障监察 监察员
    zg.arbitrator  章贡区仲裁院 承办人  zg.judge 章贡区人民法院 承办人  zg.union 章贡区工会 承办人
    zg.injury      章贡区人社局 工伤认定承办人      zg.police      章贡区公安局 经侦民警
    city.analyst   赣州市政法委 研判分析员、负责人    zg.analyst    章贡区政法委 研判分析员
    city.admin     赣州市政法委 系统管理员（用户、机构名录、阈值）  ew.admin 预警中心 系统管理员

  法律援助中心 legal-aid           http://127.0.0.1:3001   API docs: /docs
  劳动保障监察 labor-inspection    http://127.0.0.1:3002   API docs: /docs
  劳动人事争议仲裁院 arbitration    http://127.0.0.1:3003   API docs: /docs
  人民法院 court                   http://127.0.0.1:3004   API docs: /docs
  工会 union                       http://127.0.0.1:3005   API docs: /docs
  工伤认定 work-injury             http://127.0.0.1:3008   API docs: /docs
  公安机关 public-security         http://127.0.0.1:3009   API docs: /docs
  预警中心 early-warning           http://127.0.0.1:3006   API docs: /docs
  政法委 command (预警, 督办)      http://127.0.0.1:3007   API docs: /docs
  Logs: .run/<service>.log      Stop: npm run stop:all

Demo tokens (12 h; make others with: npm run token -- <agency-type> <area-code> <role>):
  章贡区法律援助中心 受理登记员 (clerk):
    $(token legal-aid 360702 clerk)
  章贡区劳动保障监察 监察员 (inspector):
    $(token labor-inspection 360702 inspector)
  南康区劳动保障监察 监察员 (inspector, another county):
    $(token labor-inspection 360703 inspector)
  章贡区仲裁院 承办人 (officer):
    $(token arbitration 360702 officer)
  赣州市政法委 研判分析员 (analyst, city level):
    $(token command 360700 analyst)
  赣州市预警中心 系统管理员 (admin: thresholds):
    $(token early-warning 360700 admin)

Try:  curl -s http://127.0.0.1:3002/referrals -H "Authorization: Bearer <inspector token>"
      curl -s "http://127.0.0.1:3007/alerts?level=red" -H "Authorization: Bearer <analyst token>"     (alert board)
      curl -s http://127.0.0.1:3007/overview -H "Authorization: Bearer <analyst token>"              (counties)
MSG
