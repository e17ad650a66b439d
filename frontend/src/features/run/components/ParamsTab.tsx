import type { Param } from '../../../api/types';
import { KVTable } from './KVTable';

export function ParamsTab({ params }: { params: Param[] }) {
  return <KVTable items={params} emptyTitle="No params logged" testId="params-table" />;
}
