import { Typography } from 'antd';
import { shortKey } from '../lib/format';

/** A long hex key: shortened in tables, copyable, the full value in its title. */
export function KeyText({ value, full = false }: { value: string; full?: boolean }) {
  return (
    <Typography.Text className="mono" title={value} copyable={{ text: value }}>
      {full ? value : shortKey(value)}
    </Typography.Text>
  );
}
