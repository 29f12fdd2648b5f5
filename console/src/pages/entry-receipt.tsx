import { useEffect, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TrustAnchors } from '../api/types';
import { useConsole } from '../app/console-context';
import { useRequest } from '../app/use-request';
import { ReceiptReport } from '../components/ReceiptReport';
import { ViewState } from '../components/ViewState';
import { verifyReceiptText, type VerificationReport } from '../lib/receipts';

/** How many block-data parts a receipt names (a block too large to inline); 0 when its data is inline. */
function partCount(text: string): number {
  const others = (JSON.parse(text) as { block?: { others?: { parts?: unknown[] } } }).block?.others;
  return Array.isArray(others?.parts) ? others.parts.length : 0;
}

/**
 * The receipt of an entry's transaction, fetched with the officer's token and verified in this browser against
 * the CA certificates the gateway publishes, with a download of the receipt as issued.
 */
export function EntryReceipt({ txId }: { txId: string }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [href, setHref] = useState<string>();
  const state = useRequest(async (): Promise<{ report: VerificationReport; text: string }> => {
    const [{ anchors }, text] = await Promise.all([
      api.get<TrustAnchors>('/public/trust-anchors'),
      api.getRaw(`/receipts/${encodeURIComponent(txId)}`, 'text'),
    ]);
    const parts: Uint8Array[] = [];
    for (let n = 0; n < partCount(text); n++) parts.push(await api.getRaw(`/receipts/${encodeURIComponent(txId)}/parts/${n}`, 'bytes'));
    return { report: await verifyReceiptText({ text, parts }, anchors), text };
  }, [txId]);
  useEffect(() => {
    if (!state.data) return undefined;
    const url = URL.createObjectURL(new Blob([state.data.text], { type: 'application/json' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [state.data]);
  return (
    <ViewState loading={state.loading} error={state.error} onRetry={state.reload}>
      {state.data ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('receipt.entryLead')}</Typography.Paragraph>
          {href ? <Button href={href} download={`receipt-${txId}.json`}>{t('receipt.download')}</Button> : null}
          <ReceiptReport report={state.data.report} />
        </Space>
      ) : null}
    </ViewState>
  );
}
