import { Alert, Button, Card, Descriptions, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, Page } from '../api/types';
import { useConsole } from '../app/console-context';
import { usePages } from '../app/use-pages';
import { OrgName } from '../components/OrgName';
import { ViewState } from '../components/ViewState';
import { formatDate, formatTime } from '../lib/format';
import { isLookupEntry } from '../lib/entries';

/** How many entries are withheld, and their release dates, in whichever form the API gives them. */
export function withheldOf(page: Page<unknown> | undefined): { count: number; releases: Array<string | null> } {
  const w = page?.withheld;
  if (typeof w === 'number') return { count: w, releases: [] };
  return { count: w?.count ?? 0, releases: w?.releases ?? [] };
}

/** Citizen: who accessed my data, when and why (Data Tracker). Readable on a phone. */
export default function CitizenLogPage() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const log = usePages((bookmark) => api.get<Page<AuditEntry>>('/me/access-log', { pageSize: 20, bookmark }), [api]);
  const withheld = withheldOf(log.last);
  const lang = i18n.language;
  return (
    <>
      <Typography.Title level={1} className="page-title">{t('citizen.logTitle')}</Typography.Title>
      <Typography.Paragraph className="page-lead">{t('citizen.logLead')}</Typography.Paragraph>
      {withheld.count > 0 ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="withheld"
          title={t('citizen.withheld', { n: withheld.count })}
          description={withheld.releases.length ? t('citizen.releases', { dates: withheld.releases.map((d) => formatDate(d, lang)).join('、') }) : undefined} />
      ) : null}
      <ViewState loading={log.loading && log.records.length === 0} error={log.error} onRetry={log.reload} empty={!log.loading && log.records.length === 0} emptyText={t('citizen.noAccess')}>
        <List
          className="entry-list"
          dataSource={log.records}
          data-testid="citizen-log"
          renderItem={(e) => (
            <List.Item key={e.accessId} style={{ display: 'block', padding: 0, border: 'none' }}>
              <Card size="small" title={<span>{formatTime(e.at, lang)} · <OrgName msp={e.accessorMsp} /></span>}>
                <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                  <Descriptions.Item label={t('citizen.operator')}>{e.accessorOperatorId}</Descriptions.Item>
                  <Descriptions.Item label={t('citizen.purpose')}>{e.purpose}</Descriptions.Item>
                  <Descriptions.Item label={t('citizen.legalBasis')}>{e.legalBasis}</Descriptions.Item>
                  <Descriptions.Item label={t('citizen.caseId')}><span data-testid="citizen-case">{e.caseId}</span></Descriptions.Item>
                  <Descriptions.Item label={t('citizen.dataset')}>{isLookupEntry(e) ? t('audit.lookup', { kind: t(`audit.lookupKinds.${e.lookup}`) }) : `${e.dataset}: ${e.fields.join(', ')}`}</Descriptions.Item>
                </Descriptions>
              </Card>
            </List.Item>
          )}
        />
        {log.more ? <Button onClick={log.more} loading={log.loading} block>{t('citizen.more')}</Button> : null}
      </ViewState>
    </>
  );
}
