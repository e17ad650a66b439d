const tone: Record<string, string> = {
  FINISHED: 'ok', FAILED: 'err', KILLED: 'warn', RUNNING: 'info running', SCHEDULED: 'accent',
  READY: 'ok', PENDING_REGISTRATION: 'info', FAILED_REGISTRATION: 'err',
};

export function StatusPill({ status }: { status: string }) {
  return <span className={`pill ${tone[status] ?? ''}`}>{status.charAt(0) + status.slice(1).toLowerCase()}</span>;
}

const stageTone: Record<string, string> = { Production: 'ok', Staging: 'warn', Archived: '', None: '' };

export function StagePill({ stage }: { stage?: string }) {
  const s = stage || 'None';
  return <span className={`pill plain ${stageTone[s] ?? ''}`}>{s}</span>;
}
