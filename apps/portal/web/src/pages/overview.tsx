import { Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { api } from '../api';
import type { Session } from '../api';
import { Chart } from '../chart';
import { Loading, useLoad } from '../components';
import { LEVEL_COLORS, LEVEL_ORDER, LEVELS } from '../labels';
import type { Level } from '../labels';

/** 县区总览: every county of Ganzhou as a tile coloured by its most severe live alert, and the figures behind it. */
export function OverviewPage({ session }: { session: Session }) {
  const { data, error, loading } = useLoad(() => api('command').get('/overview'));
  const counties: any[] = data?.counties ?? [];
  const total = (l: Level) => counties.reduce((n, c) => n + c.liveAlerts[l], 0);
  return (
    <Loading loading={loading} error={error} empty={!counties.length}>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {LEVEL_ORDER.slice().reverse().map((l) => (
          <Col span={4} key={l}><Card size="small"><Statistic title={`${LEVELS[l]}预警`} value={total(l)} styles={{ content: { color: LEVEL_COLORS[l] } }} /></Card></Col>
        ))}
        <Col span={4}><Card size="small"><Statistic title="未签收" value={counties.reduce((n, c) => n + c.unacknowledged, 0)} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title="逾期督办案件" value={counties.reduce((n, c) => n + c.overdueCases, 0)} /></Card></Col>
      </Row>
      <Card title={`${session.user.divisionName}各县（市、区）预警态势`} size="small" style={{ marginBottom: 16 }}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }} role="list" aria-label="县区预警网格">
          {counties.map((c) => {
            const color = c.highestLevel ? LEVEL_COLORS[c.highestLevel as Level] : '#d9d9d9';
            return (
              <div key={c.divisionCode} role="listitem" data-testid="county-tile" data-level={c.highestLevel ?? 'none'}
                style={{ border: `2px solid ${color}`, borderLeftWidth: 8, borderRadius: 4, padding: '8px 10px', background: c.highestLevel ? `${color}14` : '#fafafa' }}>
                <Typography.Text strong>{c.divisionName}</Typography.Text>
                <div style={{ fontSize: 12, marginTop: 4 }}>
                  {c.highestLevel ? <Tag color={color} style={{ marginRight: 4 }}>{LEVELS[c.highestLevel as Level].slice(0, 2)}</Tag> : <Tag>无预警</Tag>}
                  {LEVEL_ORDER.slice().reverse().map((l) => (c.liveAlerts[l] ? <span key={l} style={{ color: LEVEL_COLORS[l], marginRight: 6 }}>{LEVELS[l].slice(0, 1)}{c.liveAlerts[l]}</span> : null))}
                </div>
                <Space size={8} style={{ fontSize: 12, color: '#666' }}><span>未签收 {c.unacknowledged}</span><span>逾期 {c.overdueCases}</span></Space>
              </div>
            );
          })}
        </div>
      </Card>
      <Card title="各县（市、区）处置中预警" size="small">
        <Chart label="各县区处置中预警数量，按等级堆叠" height={320} option={{
          tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 12, top: 32, bottom: 60 },
          xAxis: { type: 'category', data: counties.map((c) => c.divisionName), axisLabel: { rotate: 40 } }, yAxis: { type: 'value', minInterval: 1 },
          series: LEVEL_ORDER.map((l) => ({ name: LEVELS[l], type: 'bar', stack: 'alerts', data: counties.map((c) => c.liveAlerts[l]), itemStyle: { color: LEVEL_COLORS[l] } })),
        }} />
      </Card>
    </Loading>
  );
}
