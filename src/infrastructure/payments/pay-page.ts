import type { PaymentRecord } from '../../application/payments/payment-gateway';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Minor units as a decimal amount: 123456 → "1,234.56". */
function formatAmount(amount: number): string {
  const units = Math.floor(amount / 100).toLocaleString('en-US');
  return `${units}.${String(amount % 100).padStart(2, '0')}`;
}

/**
 * The mock gateway's page where the "customer" pays or declines. Both forms POST
 * `succeed=true|false` to `/pay/<paymentId>`; read the answer with `parsePayDecision`.
 */
export function renderPayPage(payment: PaymentRecord): string {
  const action = escapeHtml(`/pay/${encodeURIComponent(payment.paymentId)}`);
  const form = (succeed: boolean, label: string) =>
    `<form method="post" action="${action}">` +
    `<input type="hidden" name="succeed" value="${String(succeed)}">` +
    `<button type="submit">${label}</button></form>`;
  const outcome =
    payment.status === 'PENDING'
      ? `${form(true, 'Pay')}\n${form(false, 'Decline')}`
      : `<p>This payment has ${payment.status === 'SUCCEEDED' ? 'succeeded' : 'failed'}.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Mock payment ${escapeHtml(payment.paymentId)}</title>
</head>
<body>
<h1>Chronocart mock payment</h1>
<dl>
<dt>Payment</dt><dd>${escapeHtml(payment.paymentId)}</dd>
<dt>Order</dt><dd>${escapeHtml(payment.orderId)}</dd>
<dt>Amount</dt><dd>${escapeHtml(formatAmount(payment.amount))}</dd>
<dt>Status</dt><dd>${escapeHtml(payment.status)}</dd>
</dl>
${outcome}
</body>
</html>
`;
}

/** The pay page's form answer: true to pay, false to decline, null when it is neither. */
export function parsePayDecision(form: Record<string, unknown>): boolean | null {
  const value = form['succeed'];
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}
