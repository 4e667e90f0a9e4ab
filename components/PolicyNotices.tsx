import { useGuide } from '@/components/store-context';

/**
 * What could not be applied from the organisation's policy, in plain words: which setting, and
 * why. The rest of the policy applies; the admin passes this on to IT.
 */
export function PolicyNotices() {
  const notices = useGuide((s) => s.managed.notices);
  if (!notices.length) return null;
  return (
    <div role="status" className="notice policy-notices" data-testid="policy-notices">
      <p>Part of your organisation's policy for this extension could not be used. Please tell your IT team:</p>
      <ul>
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
