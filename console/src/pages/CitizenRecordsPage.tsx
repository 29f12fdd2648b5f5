import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BusinessRecord, CopyrightItem, IdentityRecord, Page, TitleRecord } from '../api/types';
import { useConsole } from '../app/console-context';
import { usePages } from '../app/use-pages';
import { useRequest } from '../app/use-request';
import { KeyText } from '../components/KeyText';
import { OrgName } from '../components/OrgName';
import { ViewState } from '../components/ViewState';
import { formatDate } from '../lib/format';

function Section<T>({ title, pages, render, testId }: { title: string; pages: ReturnType<typeof usePages<T>>; render: (item: T) => React.ReactNode; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-title">{title}</h2>} data-testid={testId}>
      <ViewState loading={pages.loading && pages.records.length === 0} error={pages.error} onRetry={pages.reload} empty={!pages.loading && pages.records.length === 0} emptyText={t('citizen.none')}>
        <List dataSource={pages.records} renderItem={(item) => <List.Item style={{ display: 'block' }}>{render(item)}</List.Item>} />
        {pages.more ? <Button onClick={pages.more} loading={pages.loading}>{t('citizen.more')}</Button> : null}
      </ViewState>
    </Card>
  );
}

/** Citizen: my identity status, properties, businesses and copyrights. */
export default function CitizenRecordsPage() {
  const { t, i18n } = useTranslation();
  const { api, session } = useConsole();
  const subject = session?.sub ?? '';
  const lang = i18n.language;
  const identity = useRequest(() => api.get<IdentityRecord>(`/identities/${subject}`), [api, subject]);
  const properties = usePages((b) => api.get<Page<TitleRecord>>('/me/properties', { pageSize: 20, bookmark: b }), [api]);
  const businesses = usePages((b) => api.get<Page<BusinessRecord>>('/me/businesses', { pageSize: 20, bookmark: b }), [api]);
  const copyrights = usePages((b) => api.get<Page<CopyrightItem>>('/me/copyrights', { pageSize: 20, bookmark: b }), [api]);
  const status = identity.data?.status ?? '';
  return (
    <>
      <Typography.Title level={1} className="page-title">{t('citizen.recordsTitle')}</Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={<h2 className="card-title">{t('citizen.identity')}</h2>} data-testid="citizen-identity">
          <ViewState loading={identity.loading} error={identity.error} onRetry={identity.reload}>
            {identity.data ? (
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('citizen.status')}><Tag color={status === 'active' ? 'green' : 'orange'}>{t(`citizen.statuses.${status}`, { defaultValue: status })}</Tag></Descriptions.Item>
                <Descriptions.Item label={t('audit.subject')}><KeyText value={identity.data.subjectKey} /></Descriptions.Item>
                <Descriptions.Item label={t('citizen.registeredBy')}><OrgName msp={String(identity.data.issuerMsp ?? '')} /></Descriptions.Item>
                <Descriptions.Item label={t('citizen.since')}>{formatDate(identity.data.meta?.createdAt, lang)}</Descriptions.Item>
              </Descriptions>
            ) : null}
          </ViewState>
        </Card>
        <Section title={t('citizen.properties')} pages={properties} testId="citizen-properties" render={(p) => (
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('citizen.parcel')}>{p.parcelNumber}</Descriptions.Item>
            <Descriptions.Item label={t('citizen.area')}>{p.areaSqm}</Descriptions.Item>
            <Descriptions.Item label={t('citizen.use')}>{p.use}{p.activeEncumbrances.length ? <Tag color="orange" style={{ marginLeft: 8 }}>{t('citizen.encumbered')}</Tag> : null}</Descriptions.Item>
          </Descriptions>
        )} />
        <Section title={t('citizen.businesses')} pages={businesses} testId="citizen-businesses" render={(b) => (
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('citizen.name')}>{b.name}</Descriptions.Item>
            <Descriptions.Item label={t('citizen.code')}><span className="mono">{b.code}</span></Descriptions.Item>
            <Descriptions.Item label={t('citizen.status')}><Tag>{b.status}</Tag></Descriptions.Item>
          </Descriptions>
        )} />
        <Section title={t('citizen.copyrights')} pages={copyrights} testId="citizen-copyrights" render={(c) => (
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('citizen.title')}>{c.deposit.title}</Descriptions.Item>
            <Descriptions.Item label={t('citizen.relation')}>{c.relations.map((r) => <Tag key={r}>{t(`citizen.relations.${r}`)}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('verify.time')}>{formatDate(c.deposit.certificate.timestamp, lang)}</Descriptions.Item>
          </Descriptions>
        )} />
      </Space>
    </>
  );
}
