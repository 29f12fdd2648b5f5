import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Select, Space, Table, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ActivityReport } from '../api/types';
import { useConsole } from '../app/console-context';
import { useAction } from '../app/use-request';
import { EChart } from '../components/EChart';
import { ErrorAlert } from '../components/ErrorAlert';
import { KeyText } from '../components/KeyText';
import { OrgName } from '../components/OrgName';
import { ViewState } from '../components/ViewState';

interface FormValues { from: Dayjs; to: Dayjs; officeStart: Dayjs; officeEnd: Dayjs; weekdays: number[]; utcOffset: string; factor: number; minSubjects: number }

const OFFSETS = ['+08:00', '+09:00', '+07:00', '+05:30', '+00:00', '-05:00'];

/** Auditor: accesses per day per department on a chart, with off-hours and heavy-use flags. */
export default function AnomaliesPage() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [report, setReport] = useState<ActivityReport>();
  const load = useAction(async (v: FormValues) => {
    const r = await api.get<ActivityReport>('/audit/activity', {
      from: v.from.toDate().toISOString(), to: v.to.toDate().toISOString(), officeStart: v.officeStart.format('HH:mm'), officeEnd: v.officeEnd.format('HH:mm'),
      weekdays: [...v.weekdays].sort().join(','), utcOffset: v.utcOffset, factor: v.factor, minSubjects: v.minSubjects,
    });
    setReport(r);
  });
  const initial: FormValues = {
    from: dayjs().subtract(30, 'day').startOf('day'), to: dayjs().add(1, 'day').startOf('day'), officeStart: dayjs('08:30', 'HH:mm'), officeEnd: dayjs('17:30', 'HH:mm'),
    weekdays: [1, 2, 3, 4, 5], utcOffset: '+08:00', factor: 3, minSubjects: 10,
  };
  const option = useMemo(() => {
    if (!report) return undefined;
    const flagged = new Map<string, number>();
    for (const e of report.offHours.entries) flagged.set(e.localTime.slice(0, 10), (flagged.get(e.localTime.slice(0, 10)) ?? 0) + 1);
    for (const h of report.heavyUsers) flagged.set(h.day, (flagged.get(h.day) ?? 0) + 1);
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: report.days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...report.orgs.map((org) => ({
          name: t(`orgs.${org}`, { defaultValue: org }), type: 'line', smooth: false, symbolSize: 6,
          data: report.days.map((d) => report.perDay.find((p) => p.day === d && p.org === org)?.count ?? 0),
        })),
        { name: t('anomalies.flagged'), type: 'scatter', symbol: 'pin', symbolSize: 28, itemStyle: { color: '#b3261e' },
          data: report.days.map((d) => (flagged.has(d) ? Math.max(...report.perDay.filter((p) => p.day === d).map((p) => p.count), 0) : null)) },
      ],
    };
  }, [report, t]);
  return (
    <>
      <Typography.Title level={1} className="page-title">{t('anomalies.title')}</Typography.Title>
      <Typography.Paragraph className="page-lead">{t('anomalies.lead')}</Typography.Paragraph>
      <Card>
        <Form<FormValues> layout="vertical" initialValues={initial} onFinish={(v) => void load.run(v)}>
          <div className="form-grid">
            <Form.Item name="from" label={t('common.from')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="to" label={t('common.to')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="officeStart" label={t('anomalies.officeStart')}><TimePicker format="HH:mm" style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="officeEnd" label={t('anomalies.officeEnd')}><TimePicker format="HH:mm" style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="weekdays" label={t('anomalies.weekdays')}>
              <Select mode="multiple" options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`anomalies.weekday.${d}`) }))} />
            </Form.Item>
            <Form.Item name="utcOffset" label={t('anomalies.utcOffset')}><Select options={OFFSETS.map((o) => ({ value: o, label: `UTC${o}` }))} /></Form.Item>
            <Form.Item name="factor" label={t('anomalies.factor')}><InputNumber min={1} max={100} step={0.5} style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="minSubjects" label={t('anomalies.minSubjects')}><InputNumber min={1} max={100000} style={{ width: '100%' }} /></Form.Item>
          </div>
          <Button type="primary" htmlType="submit" loading={load.loading} data-testid="anomalies-run">{t('common.run')}</Button>
        </Form>
      </Card>
      <section aria-label={t('audit.results')} style={{ marginTop: 16 }}>
        {load.error ? <ErrorAlert error={load.error} /> : null}
        {report && option ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {!report.complete ? <Alert type="warning" showIcon title={t('anomalies.incomplete', { until: report.readUntil ?? '—' })} /> : null}
            <Card title={<h2 className="card-title">{t('anomalies.chart')}</h2>} extra={<Typography.Text type="secondary">{t('common.cost', { read: report.cost.read, pages: report.cost.pages })}</Typography.Text>}>
              <ViewState loading={false} empty={report.days.length === 0}>
                <EChart option={option} label={t('anomalies.chartLabel')} testId="activity-chart" />
              </ViewState>
            </Card>
            <Card title={<h2 className="card-title">{t('anomalies.heavy', { n: report.heavyUsers.length })}</h2>}>
              <Table size="small" rowKey={(r) => `${r.day}/${r.org}/${r.operator}`} pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={report.heavyUsers} locale={{ emptyText: t('anomalies.noFlags') }} scroll={{ x: 600 }} columns={[
                { title: t('anomalies.day'), dataIndex: 'day', key: 'day' },
                { title: t('audit.org'), dataIndex: 'org', key: 'org', render: (v: string) => <OrgName msp={v} /> },
                { title: t('audit.operator'), dataIndex: 'operator', key: 'op', render: (v: string) => <Tag color="red">{v}</Tag> },
                { title: t('anomalies.distinct'), dataIndex: 'distinctSubjects', key: 'n' },
                { title: t('anomalies.median'), dataIndex: 'orgMedian', key: 'm' },
              ]} />
            </Card>
            <Card title={<h2 className="card-title">{t('anomalies.offHours', { n: report.offHours.count })}</h2>}>
              <Table size="small" rowKey="accessId" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={report.offHours.entries} locale={{ emptyText: t('anomalies.noFlags') }} scroll={{ x: 700 }} columns={[
                { title: t('anomalies.localTime'), dataIndex: 'localTime', key: 't' },
                { title: t('audit.org'), dataIndex: 'accessorMsp', key: 'org', render: (v: string) => <OrgName msp={v} /> },
                { title: t('audit.operator'), dataIndex: 'accessorOperatorId', key: 'op' },
                { title: t('audit.subject'), key: 's', render: (_: unknown, r: { accessId: string; kind: string; subject: string }) => (r.kind === 'lookup' ? <span><Tag color="blue">{t('audit.pseudonym')}</Tag><KeyText value={r.subject} /></span> : <KeyText value={r.subject} />) },
                { title: t('common.details'), key: 'open', render: (_: unknown, r: { accessId: string }) => <Link to={`/audit/entry/${r.accessId}`}>{t('audit.open')}</Link> },
              ]} />
            </Card>
          </Space>
        ) : null}
      </section>
    </>
  );
}
