import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, downloadFile, yuan, wanYuan, dateLabel } from '../api';
import type { Session } from '../api';
import { Chart } from '../chart';
import { Loading, showErrors, useLoad } from '../components';
import { AGENCY_TYPE_NAMES, RECEIVING_AGENCY_TYPES, CHANNELS, LEVEL_COLORS, LEVEL_ORDER, LEVELS, MATTERS, recentQuarters } from '../labels';

const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);

/** The last six quarters, this month and this year. */
function periods(): { value: string; label: string }[] {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const m = now.getUTCMonth() + 1;
  return [
    ...recentQuarters(6),
    { value: `${now.getUTCFullYear()}-${String(m).padStart(2, '0')}`, label: `${now.getUTCFullYear()}年${m}月（本月）` },
    { value: String(now.getUTCFullYear()), label: `${now.getUTCFullYear()}年（全年）` },
  ];
}

/** 统计: the program's figures per county and period, with charts, the demonstration sites against the rest, CSV. */
export function StatisticsPage({ session }: { session: Session }) {
  const { message } = App.useApp();
  const options = useMemo(periods, []);
  const [period, setPeriod] = useState(options[0].value);
  const { data, error, loading, reload } = useLoad(() => api('command').get(`/statistics?period=${period}`), [period]);
  const download = async (file: string, name: string) => {
    try {
      await downloadFile('command', `/statistics/${file}?period=${period}`, name);
    } catch (e) {
      showErrors(undefined, e, message);
    }
  };
  const t = data?.total;
  const counties: any[] = data?.counties ?? [];
  const agencies: readonly string[] = RECEIVING_AGENCY_TYPES;
  return (
    <Card title={`统计分析 · ${session.user.divisionName}`} extra={
      <Space>
        <Select value={period} onChange={setPeriod} options={options} style={{ width: 190 }} aria-label="统计期间" />
        <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
        <Button icon={<DownloadOutlined />} onClick={() => download('counties.csv', `援联统计-${period}.csv`)} data-testid="download-csv">导出CSV</Button>
        <Button icon={<DownloadOutlined />} onClick={() => download('report.xlsx', `统计报告-${period}.xlsx`)} data-testid="download-xlsx">报告 XLSX</Button>
        <Button icon={<DownloadOutlined />} onClick={() => download('report.pdf', `统计报告-${period}.pdf`)} data-testid="download-pdf">报告 PDF</Button>
      </Space>
    }>
      <Loading loading={loading && !data} error={error}>
        {t && <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={4}><Statistic title="申请件数" value={t.applications} /></Col>
            <Col span={4}><Statistic title="服务劳动者（人）" value={t.workersServed} /></Col>
            <Col span={4}><Statistic title="绿色通道" value={t.greenChannel} /></Col>
            <Col span={4}><Statistic title="先行受理" value={t.acceptedFirst} /></Col>
            {/* Headline amounts in 万元, so that eight digits fit the box at 1366 px; the exact figure on hover. */}
            <Col span={4}><span title={yuan(t.amountClaimedFen)}><Statistic title="主张金额" value={wanYuan(t.amountClaimedFen)} /></span></Col>
            <Col span={4}><span title={yuan(t.amountRecoveredFen)}><Statistic title="追回金额" value={wanYuan(t.amountRecoveredFen)} /></span></Col>
          </Row>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={12}>
              <Card size="small" title="各县（市、区）申请件数">
                <Chart label="各县区申请件数，按事项堆叠" height={260} option={{
                  tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 36, right: 8, top: 36, bottom: 8, containLabel: true },
                  // Every county named under its bar (ECharts would drop every other label when they crowd).
                  xAxis: { type: 'category', data: counties.map((c) => c.divisionName), axisLabel: { rotate: 60, interval: 0, fontSize: 11 } }, yAxis: { type: 'value', minInterval: 1 },
                  series: Object.entries(MATTERS).filter(([m]) => t.byMatter[m]).map(([m, label]) => ({ name: label, type: 'bar', stack: 'm', data: counties.map((c) => c.byMatter[m] ?? 0) })),
                }} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small" title="申请渠道">
                <Table size="small" pagination={false} rowKey="k" dataSource={Object.entries(CHANNELS).map(([k, label]) => ({ k, label, n: t.byChannel[k] ?? 0 }))}
                  columns={[{ title: '渠道', dataIndex: 'label' }, { title: '件数', dataIndex: 'n', align: 'right' }]} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small" title="预警（按最高等级）">
                <Table size="small" pagination={false} rowKey="l" dataSource={LEVEL_ORDER.slice().reverse().map((l) => ({ l, label: LEVELS[l], n: t.alerts.byLevel[l] ?? 0 }))}
                  columns={[{ title: '等级', dataIndex: 'label', render: (v, r: any) => <span style={{ color: LEVEL_COLORS[r.l as 'red'] }}>{v}</span> }, { title: '条数', dataIndex: 'n', align: 'right' }]} />
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>签收中位用时：{t.alerts.medianMinutesToAcknowledge === null ? '—' : `${Math.round(t.alerts.medianMinutesToAcknowledge)} 分钟`}</Typography.Paragraph>
              </Card>
            </Col>
          </Row>
          <Card size="small" title="转介办理（全部县区）" style={{ marginBottom: 12 }}>
            <Table size="small" pagination={false} rowKey="a" dataSource={agencies.filter((a) => t.referrals[a]).map((a) => ({ a, ...t.referrals[a] }))} locale={{ emptyText: '本期无转介' }}
              columns={[
                { title: '接收机构', dataIndex: 'a', render: (a) => AGENCY_TYPE_NAMES[a as 'court'] },
                { title: '接收', dataIndex: 'received', align: 'right' },
                { title: '受理', dataIndex: 'accepted', align: 'right' },
                { title: '不予受理', dataIndex: 'declined', align: 'right' },
                { title: '受理率', dataIndex: 'acceptanceRate', render: pct, align: 'right' },
                { title: '办结', dataIndex: 'resolved', align: 'right' },
                { title: '按期率（各期限）', render: (_, r: any) => Object.entries(r.clocks).map(([rule, c]: [string, any]) => <Tag key={rule}>{data.clockLabels?.[rule] ?? rule}：{pct(c.onTimeRate)}（{c.onTime}/{c.stopped}）</Tag>) },
              ]} />
          </Card>
          <Card size="small" title="示范点、示范窗口与其他对比" style={{ marginBottom: 12 }}>
            <Table size="small" pagination={false} rowKey="k" dataSource={[
              { k: 'sites', label: '示范点（赣县区、信丰县、龙南市、赣州经开区）', ...data.demonstration.sites },
              { k: 'rest', label: '其他县区', ...data.demonstration.rest },
              { k: 'windows', label: `示范窗口受理（${data.demonstration.windows.offices}个窗口）`, ...data.demonstration.windows, amountRecoveredFen: null, alerts: null },
              { k: 'others', label: '其他受理点受理', ...data.demonstration.otherOffices, amountRecoveredFen: null, alerts: null },
            ]} columns={[
              { title: '', dataIndex: 'label' },
              { title: '申请件数', dataIndex: 'applications', align: 'right' },
              { title: '服务劳动者', dataIndex: 'workersServed', align: 'right' },
              { title: '绿色通道', dataIndex: 'greenChannel', align: 'right' },
              { title: '追回金额', dataIndex: 'amountRecoveredFen', render: yuan, align: 'right' },
              { title: '预警', render: (_, r: any) => r.alerts?.raised ?? '—', align: 'right' },
            ]} />
          </Card>
          <Typography.Title level={5}>各县（市、区）</Typography.Title>
          <Table rowKey="divisionCode" size="small" dataSource={counties} pagination={false} scroll={{ y: 360 }} data-testid="county-stats" columns={[
            { title: '县（市、区）', dataIndex: 'divisionName', render: (v, r: any) => <>{v} {r.demonstrationSite && <Tag color="gold">示范点</Tag>}</>, width: 170 },
            { title: '申请', dataIndex: 'applications', align: 'right' },
            { title: '劳动者', dataIndex: 'workersServed', align: 'right' },
            { title: '绿色通道', dataIndex: 'greenChannel', align: 'right' },
            { title: '先行受理', dataIndex: 'acceptedFirst', align: 'right' },
            { title: '主张金额', dataIndex: 'amountClaimedFen', render: yuan, align: 'right' },
            { title: '追回金额', dataIndex: 'amountRecoveredFen', render: yuan, align: 'right' },
            { title: '劳动监察受理率', render: (_, r: any) => pct(r.referrals['labor-inspection']?.acceptanceRate), align: 'right' },
            { title: '预警', render: (_, r: any) => r.alerts.raised, align: 'right' },
            { title: '典型案例（按时/报送）', render: (_, r: any) => `${r.typicalCases.onTime}/${r.typicalCases.sent}`, align: 'right' },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>法定程序</Typography.Title>
          <Table rowKey="divisionCode" size="small" pagination={false} scroll={{ y: 300 }} data-testid="procedure-stats"
            dataSource={[...counties, { ...t, divisionCode: 'total', divisionName: '合计' }]} columns={[
              { title: '县（市、区）', dataIndex: 'divisionName', width: 150 },
              { title: '不予援助', render: (_, r: any) => r.procedures.refused, align: 'right' },
              { title: '终止援助', render: (_, r: any) => r.procedures.terminated, align: 'right' },
              { title: '异议（责令改正）', render: (_, r: any) => `${r.procedures.objections}（${r.procedures.objectionsCorrected}）`, align: 'right' },
              { title: '工伤认定（认定工伤）', render: (_, r: any) => `${r.procedures.injuryDeterminations}（${r.procedures.injuriesRecognized}）`, align: 'right' },
              { title: '移送公安', render: (_, r: any) => r.procedures.crimeTransfers, align: 'right' },
              { title: '总包先行清偿', render: (_, r: any) => r.procedures.contractorOrders, align: 'right' },
              { title: '保证金/垫付支付', render: (_, r: any) => `${r.procedures.depositDraws + r.procedures.builderAdvances}件 ${yuan(r.procedures.constructionPaidFen)}`, align: 'right' },
            ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>典型案例报送（本期所涉季度共报送{t.typicalCases.sent}件，按时{t.typicalCases.onTime}件，入库发布{t.typicalCases.published}件）</Typography.Title>
          <Table rowKey={(r: any) => `${r.divisionCode}|${r.quarter}|${r.title}|${r.sentOn}`} size="small" dataSource={data.typicalCases} pagination={false} data-testid="typical-case-stats"
            locale={{ emptyText: '本期尚无报送的典型案例' }} columns={[
              { title: '县（市、区）', dataIndex: 'divisionName', width: 150 },
              { title: '季度', dataIndex: 'quarterLabel', width: 140 },
              { title: '标题', dataIndex: 'title' },
              { title: '报送日期', dataIndex: 'sentOn', width: 130, render: dateLabel },
              { title: '按时', dataIndex: 'onTime', width: 80, render: (v: boolean, r: any) => (v ? '是' : <Tag color="red">逾期（截止{dateLabel(r.dueOn)}）</Tag>) },
              { title: '入库发布', dataIndex: 'publishedOn', width: 130, render: (v: string | null) => (v ? dateLabel(v) : '审核中') },
            ]} />
        </>}
      </Loading>
    </Card>
  );
}
