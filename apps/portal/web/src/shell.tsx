import {
  AlertOutlined, ApartmentOutlined, BookOutlined, FlagOutlined, TrophyOutlined, BarChartOutlined, AuditOutlined, CalendarOutlined, DashboardOutlined, FileAddOutlined, FolderOpenOutlined,
  EyeOutlined, InboxOutlined, LogoutOutlined, SettingOutlined, TeamOutlined,
} from '@ant-design/icons';
import { Badge, Button, Layout, Menu, Result, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { api } from './api';
import type { Session } from './api';
import { GANZHOU_CITY_CODE, RECEIVING_AGENCY_TYPES } from './labels';
import { AccessLogPage } from './pages/access-log';
import { AdminDirectoryPage } from './pages/admin-directory';
import { AdminHolidaysPage } from './pages/admin-holidays';
import { AdminRulesPage } from './pages/admin-rules';
import { AdminUsersPage } from './pages/admin-users';
import { AlertBoardPage } from './pages/alert-board';
import { CasesPage } from './pages/cases';
import { InboxPage } from './pages/inbox';
import { IntakePage } from './pages/intake';
import { OverviewPage } from './pages/overview';
import { StatisticsPage } from './pages/statistics';
import { SupervisionPage } from './pages/supervision';
import { DemonstrationPage } from './pages/demonstration';
import { LawyersPage } from './pages/lawyers';
import { LibraryPage } from './pages/library';
import { TypicalCasesPage } from './pages/typical-cases';

export const RECEIVING: readonly string[] = RECEIVING_AGENCY_TYPES;
/** Agencies with an alert desk (housing's lives in the committee's service). */
export const DESKS = ['command', 'housing', 'labor-inspection', 'union', 'legal-aid'];
/** Roles that work an alert desk (administrators do not). */
const DESK_ROLES = ['analyst', 'supervisor', 'inspector', 'officer', 'lawyer', 'clerk'];

interface Screen {
  key: string;
  label: string;
  icon: ReactNode;
  render: (s: Session) => ReactNode;
  allowed: (s: Session['user']) => boolean;
}

const has = (u: Session['user'], ...roles: string[]) => roles.some((r) => u.roles.includes(r));

/** Every screen and who sees it; the services enforce the same rules again on every call. */
export const SCREENS: Screen[] = [
  { key: 'intake', label: '申请登记', icon: <FileAddOutlined />, render: (s) => <IntakePage session={s} />, allowed: (u) => u.agencyType === 'legal-aid' && has(u, 'clerk', 'lawyer') },
  { key: 'cases', label: '案件与转介', icon: <FolderOpenOutlined />, render: (s) => <CasesPage session={s} />, allowed: (u) => u.agencyType === 'legal-aid' },
  { key: 'inbox', label: '转介收件箱', icon: <InboxOutlined />, render: (s) => <InboxPage session={s} />, allowed: (u) => RECEIVING.includes(u.agencyType) },
  { key: 'alerts', label: '预警看板', icon: <AlertOutlined />, render: (s) => <AlertBoardPage session={s} />, allowed: (u) => DESKS.includes(u.agencyType) && has(u, ...DESK_ROLES) },
  { key: 'overview', label: '县区总览', icon: <DashboardOutlined />, render: (s) => <OverviewPage session={s} />, allowed: (u) => u.agencyType === 'command' && has(u, 'analyst', 'supervisor') },
  { key: 'supervision', label: '督办', icon: <AuditOutlined />, render: (s) => <SupervisionPage session={s} />, allowed: (u) => u.agencyType === 'command' && has(u, 'analyst', 'supervisor') },
  { key: 'statistics', label: '统计分析', icon: <BarChartOutlined />, render: (s) => <StatisticsPage session={s} />, allowed: (u) => u.agencyType === 'command' && has(u, 'analyst', 'supervisor', 'admin') },
  { key: 'typical-cases', label: '典型案例', icon: <TrophyOutlined />, render: (s) => <TypicalCasesPage session={s} />, allowed: (u) => u.agencyType === 'legal-aid' && has(u, 'clerk', 'lawyer', 'supervisor') },
  { key: 'library', label: '案例库', icon: <BookOutlined />, render: (s) => <LibraryPage session={s} />, allowed: (u) => !has(u, 'feed') },
  { key: 'demonstration', label: '示范创建', icon: <FlagOutlined />, render: (s) => <DemonstrationPage session={s} />, allowed: (u) => !has(u, 'feed') },
  { key: 'lawyers', label: '律师名册', icon: <TeamOutlined />, render: (s) => <LawyersPage session={s} />, allowed: (u) => u.agencyType === 'legal-aid' && u.divisionCode !== GANZHOU_CITY_CODE && has(u, 'lawyer', 'supervisor') },
  { key: 'access-log', label: '访问日志', icon: <EyeOutlined />, render: (s) => <AccessLogPage session={s} />, allowed: (u) => (u.agencyType === 'legal-aid' || RECEIVING.includes(u.agencyType)) && has(u, 'supervisor') },
  { key: 'users', label: '用户与角色', icon: <TeamOutlined />, render: (s) => <AdminUsersPage session={s} />, allowed: (u) => has(u, 'admin') },
  { key: 'directory', label: '机构名录', icon: <ApartmentOutlined />, render: (s) => <AdminDirectoryPage session={s} />, allowed: (u) => has(u, 'admin') },
  { key: 'holidays', label: '节假日历', icon: <CalendarOutlined />, render: (s) => <AdminHolidaysPage session={s} />, allowed: (u) => has(u, 'admin') },
  { key: 'rules', label: '预警阈值', icon: <SettingOutlined />, render: (s) => <AdminRulesPage session={s} />, allowed: (u) => has(u, 'admin', 'analyst') },
];

function useHash(): [string, (h: string) => void] {
  const [hash, setHash] = useState(() => window.location.hash.replace(/^#\/?/, ''));
  useEffect(() => {
    const on = () => setHash(window.location.hash.replace(/^#\/?/, ''));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [hash, (h) => (window.location.hash = `/${h}`)];
}

/**
 * What waits for the user, as counts beside the menu: new and overdue referrals (and extensions to approve) in the
 * inbox; decisions, returned referrals and unpaid orders at the legal aid center. Read every 30 s and on each move.
 */
function useWaiting(u: Session['user'], hash: string): Record<string, { count: number; title: string }> {
  const [waiting, setWaiting] = useState<Record<string, { count: number; title: string }>>({});
  useEffect(() => {
    let live = true;
    const read = async () => {
      try {
        if (RECEIVING.includes(u.agencyType)) {
          const c = await api(u.agencyType).get('/referrals/counts');
          const count = c.received + c.overdue + (u.roles.includes('supervisor') ? c.extensionsPending : 0);
          if (live) setWaiting({ inbox: { count, title: `新转介 ${c.received} 件，逾期 ${c.overdue} 件${u.roles.includes('supervisor') ? `，延长待批 ${c.extensionsPending} 件` : ''}` } });
        } else if (u.agencyType === 'legal-aid' && u.divisionCode !== GANZHOU_CITY_CODE) {
          const c = await api('legal-aid').get('/applications/counts');
          const decides = u.roles.some((r) => ['lawyer', 'supervisor'].includes(r));
          if (live) setWaiting({ cases: { count: c.returned + c.followUp + (decides ? c.decision : 0), title: `${decides ? `待决定 ${c.decision} 件，` : ''}退回补充 ${c.returned} 件，待跟进履行 ${c.followUp} 件` } });
        }
      } catch {
        /* counts are a convenience: the screens still work without them */
      }
    };
    read();
    const timer = setInterval(read, 30_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [u.id, hash]);
  return waiting;
}

export function Shell({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const screens = SCREENS.filter((s) => s.allowed(session.user));
  const [hash, go] = useHash();
  const waiting = useWaiting(session.user, hash);
  const current = screens.find((s) => s.key === hash.split('/')[0]) ?? screens[0];
  useEffect(() => {
    if (current && hash.split('/')[0] !== current.key) go(current.key);
  }, [current?.key]);
  const u = session.user;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64} theme="dark">
        <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, padding: '16px 20px', whiteSpace: 'nowrap', overflow: 'hidden' }}>援联</div>
        <nav aria-label="主菜单">
          <Menu theme="dark" mode="inline" selectedKeys={current ? [current.key] : []} onClick={(e) => go(e.key)}
            items={screens.map((s) => ({
              key: s.key, icon: s.icon,
              label: waiting[s.key]?.count
                ? <span title={waiting[s.key].title}>{s.label} <Badge count={waiting[s.key].count} size="small" data-testid={`menu-count-${s.key}`} /></span>
                : s.label,
            }))} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 20px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Text strong>{u.divisionName}{u.agencyName}</Typography.Text>
          <Space>
            <span>{u.displayName}</span>
            {u.roleNames.map((r) => <Tag key={r}>{r}</Tag>)}
            <Button icon={<LogoutOutlined />} onClick={onLogout}>退出</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
          {/* Layout.Content is the page's <main> already. */}
          {current ? current.render(session) : <Result status="403" title="当前账号没有可用的功能" subTitle="请联系管理员分配角色" />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
