import type { PaymentRecord } from '../../../src/application/payments/payment-gateway';
import { parsePayDecision, renderPayPage } from '../../../src/infrastructure/payments/pay-page';

const pending: PaymentRecord = {
  paymentId: 'pay_abc123',
  orderId: 'order-1',
  amount: 123456,
  status: 'PENDING',
  provider: 'mock',
  transactionId: null,
  failureReason: null,
  createdAt: new Date('2030-01-01T00:00:00Z'),
  settledAt: null,
};

describe('mock pay page', () => {
  it('offers Pay and Decline, each posting its answer to /pay/<paymentId>', () => {
    const html = renderPayPage(pending);
    const forms = html.match(/<form[^>]*>.*?<\/form>/g) ?? [];
    expect(forms).toEqual([
      '<form method="post" action="/pay/pay_abc123"><input type="hidden" name="succeed" value="true"><button type="submit">Pay</button></form>',
      '<form method="post" action="/pay/pay_abc123"><input type="hidden" name="succeed" value="false"><button type="submit">Decline</button></form>',
    ]);
    expect(html).toContain('<dd>1,234.56</dd>');
    expect(html).toContain('<dd>order-1</dd>');
  });

  it('shows a settled payment without forms', () => {
    const html = renderPayPage({ ...pending, status: 'SUCCEEDED', settledAt: new Date() });
    expect(html).not.toContain('<form');
    expect(html).toContain('This payment has succeeded.');
    expect(renderPayPage({ ...pending, status: 'FAILED' })).toContain('This payment has failed.');
  });

  it('escapes every value it shows', () => {
    const hostile = "\"><script>alert(1)</script><a href='x'>&";
    const html = renderPayPage({ ...pending, paymentId: hostile, orderId: hostile });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain("href='x'");
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(
      'action="/pay/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Ca%20href%3D&#39;x&#39;%3E%26"',
    );
  });

  it('formats small amounts with two decimals', () => {
    expect(renderPayPage({ ...pending, amount: 5 })).toContain('<dd>0.05</dd>');
  });

  it('reads the form answer', () => {
    expect(parsePayDecision({ succeed: 'true' })).toBe(true);
    expect(parsePayDecision({ succeed: 'false' })).toBe(false);
    expect(parsePayDecision({ succeed: 'yes' })).toBeNull();
    expect(parsePayDecision({})).toBeNull();
  });
});
