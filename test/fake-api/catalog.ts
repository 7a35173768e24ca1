// Fixed reference data of the fake API: accounts, their products, people and the value sets of the docs.

import type { FakeAccount, FakePerson, FakeProduct } from './types';

export const SEVERITIES = ['1 - Critical', '2 - Urgent', '3 - Important', '4 - Minor'] as const;
export const IMPACTS = ['1 - Critical', '2 - High', '3 - Medium', '4 - Low'] as const;
export const URGENCIES = ['1 - High', '2 - Medium', '3 - Low'] as const;
export const TYPES = ['Support Case', 'Enhancement Request', 'Business Service Request', 'Security Issue'] as const;
export const STATUSES = [
  'New', 'In Support', 'Customer Owns Next Steps', 'In Escalation', 'Ready for Deployment', 'In R&D', 'R&D Delivery',
  'Pending Closure', 'Closed'
] as const;
export const ENVIRONMENTS = ['Production', 'Non-production', 'Unknown'] as const;
export const SORT_FIELDS = ['createdDate', 'modifiedDate', 'closedDate', 'status', 'severity'] as const;

export const ACCOUNTS: readonly FakeAccount[] = [
  { name: 'Globex Financial Services', sac: 'GLBX-40217' },
  { name: 'Initech Logistics GmbH', sac: 'INTC-11873' },
  { name: 'Umbrella Health Systems', sac: 'UMBR-70551' }
];

const LINUX = { id: 'a0O5J000001LnxAAE', name: 'Linux x86-64' };
const RHEL = { id: 'a0O5J000001RhlAAE', name: 'Red Hat Enterprise Linux 9' };
const WINDOWS = { id: 'a0O5J000001WinAAE', name: 'Windows Server 2022' };
const K8S = { id: 'a0O5J000001K8sAAE', name: 'Kubernetes / OpenShift' };
const SAAS = { id: 'a0O5J000001SaaAAE', name: 'Axway Cloud (SaaS)' };

function versions(productCode: string, names: readonly string[]): { id: string; name: string }[] {
  return names.map((name, i) => ({ id: `a0V5J0000${productCode}${String(i + 1).padStart(3, '0')}`, name }));
}

export const PRODUCTS: readonly FakeProduct[] = [
  { id: 'a0P5J000000APIGW', name: 'API Gateway', versions: versions('GW', ['7.7.0.20240830', '7.7.0.20250228', '7.7.0.20250830']), operatingSystems: [LINUX, RHEL, K8S] },
  { id: 'a0P5J000000APIMG', name: 'API Manager', versions: versions('MG', ['7.7.0.20240830', '7.7.0.20250228', '7.7.0.20250830']), operatingSystems: [LINUX, RHEL, K8S] },
  { id: 'a0P5J000000B2BI0', name: 'B2Bi', versions: versions('B2', ['2.6.0', '2.6.1']), operatingSystems: [LINUX, RHEL, WINDOWS] },
  { id: 'a0P5J000000STRAN', name: 'SecureTransport', versions: versions('ST', ['5.5.20240628', '5.5.20250131', '5.5.20250731']), operatingSystems: [LINUX, RHEL, WINDOWS, K8S] },
  { id: 'a0P5J000000AMPIN', name: 'Amplify Integration', versions: versions('AI', ['2025.2', '2025.3']), operatingSystems: [SAAS] },
  { id: 'a0P5J000000AMPEN', name: 'Amplify Engage', versions: versions('AE', ['Current']), operatingSystems: [SAAS] },
  { id: 'a0P5J000000SENTL', name: 'Sentinel', versions: versions('SN', ['4.2.0', '4.2.1']), operatingSystems: [LINUX, WINDOWS] },
  { id: 'a0P5J000000DECIN', name: 'Decision Insight', versions: versions('DI', ['20250601', '20251101']), operatingSystems: [LINUX, RHEL] }
];

/** Which products each account may file cases for. */
export const ACCOUNT_PRODUCTS: Readonly<Record<string, readonly string[]>> = {
  'GLBX-40217': ['a0P5J000000APIGW', 'a0P5J000000APIMG', 'a0P5J000000AMPIN', 'a0P5J000000AMPEN', 'a0P5J000000DECIN'],
  'INTC-11873': ['a0P5J000000B2BI0', 'a0P5J000000STRAN', 'a0P5J000000SENTL', 'a0P5J000000AMPIN'],
  'UMBR-70551': ['a0P5J000000APIGW', 'a0P5J000000STRAN', 'a0P5J000000B2BI0', 'a0P5J000000APIMG']
};

export function productsOf(sac: string, all: readonly FakeProduct[] = PRODUCTS): FakeProduct[] | undefined {
  const ids = ACCOUNT_PRODUCTS[sac];
  return ids ? all.filter((p) => ids.includes(p.id)) : undefined;
}

export const CONTACTS: Readonly<Record<string, readonly FakePerson[]>> = {
  'GLBX-40217': [
    { name: 'Dana Whitfield', email: 'dana.whitfield@globex.example' },
    { name: 'Rahul Menon', email: 'rahul.menon@globex.example' }
  ],
  'INTC-11873': [
    { name: 'Jörg Brandt', email: 'joerg.brandt@initech.example' },
    { name: 'Sofia Castellanos', email: 'sofia.castellanos@initech.example' }
  ],
  'UMBR-70551': [
    { name: 'Amara Okafor', email: 'amara.okafor@umbrella.example' },
    { name: 'Li Wei', email: 'li.wei@umbrella.example' }
  ]
};

export const ENGINEERS: readonly FakePerson[] = [
  { name: 'Marta Kowalska', email: 'mkowalska@axway.com' },
  { name: 'Julien Moreau', email: 'jmoreau@axway.com' },
  { name: 'Priya Raman', email: 'praman@axway.com' },
  { name: 'Tomás Ortega', email: 'tortega@axway.com' },
  { name: 'Hannah Schulz', email: 'hschulz@axway.com' }
];

/** Case texts per product: realistic enough for a demo and screenshots. */
export const TOPICS: Readonly<Record<string, readonly { subject: string; description: string }[]>> = {
  'API Gateway': [
    { subject: 'API Gateway returns 503 after upgrading to the latest update', description: 'After applying the update, all traffic through the external listener fails with HTTP 503. The trace shows "No available node" for the backend routing policy. Rolling back fixes it.' },
    { subject: 'Memory usage of the gateway instance grows until OOM', description: 'The instance heap grows by about 200 MB per day until the process is killed. We captured a heap dump during peak traffic and attached it.' },
    { subject: 'JWT verification filter rejects tokens signed with ES256', description: 'Tokens from our identity provider use ES256. The "JWT Verify" filter fails with "Unsupported algorithm". RS256 tokens work.' },
    { subject: 'Policy Studio cannot deploy to the admin node manager', description: 'Deployment stops at 80 % with "Connection reset by peer". The admin node manager log shows TLS handshake errors.' },
    { subject: 'Certificate renewal: listener keeps serving the old certificate', description: 'We imported the renewed certificate and redeployed, but clients still see the expired one until the instance restarts.' }
  ],
  'API Manager': [
    { subject: 'API Manager UI shows empty API catalog for organization admins', description: 'Organization administrators see an empty catalog although APIs are published to their organization. API admins see them.' },
    { subject: 'Quota exceeded too early for application-level quota', description: 'The application quota of 1,000 calls per hour is reported as exceeded after about 600 calls.' },
    { subject: 'OAuth client registration fails when redirect URL has a port', description: 'Registering an application with a redirect URL such as https://app.example:8443/callback fails with "Invalid URL".' }
  ],
  'B2Bi': [
    { subject: 'AS2 messages stuck in "Processing" after cluster failover', description: 'After node 2 took over, about 40 AS2 messages stay in state Processing. Resubmitting them creates duplicates at the partner.' },
    { subject: 'EDIFACT translation error on UNH segment with release character', description: 'Messages containing the release character "?" in the UNH reference fail translation with error 22.' },
    { subject: 'Trading partner certificate import fails with PKCS#12 file', description: 'Importing the partner certificate as .p12 fails with "Unable to read key store" although openssl reads it.' }
  ],
  'SecureTransport': [
    { subject: 'SFTP transfers fail with "Connection closed" for large files', description: 'Uploads larger than 2 GB over SFTP fail at random points with "Connection closed by remote host". Smaller files work.' },
    { subject: 'LDAP login slow for users in nested groups', description: 'Logins of users in nested LDAP groups take 30 to 40 seconds. Direct group members log in within 2 seconds.' },
    { subject: 'Advanced Routing route does not trigger on file rename', description: 'Files renamed by the client after upload (.part to .csv) do not trigger the route; uploads with the final name do.' },
    { subject: 'Request a maintenance window for the Edge upgrade', description: 'We plan the upgrade of our Edge servers and would like Axway to review the plan and be available during the window.' }
  ],
  'Amplify Integration': [
    { subject: 'Integration flow fails with "Too many requests" from Salesforce connector', description: 'The nightly sync flow fails after about 15,000 records with HTTP 429 from the Salesforce connector. Is there a built-in backoff?' },
    { subject: 'Scheduled trigger runs twice after daylight saving change', description: 'Since the daylight saving change, our scheduled integration runs twice at 02:00 local time.' },
    { subject: 'Request: support for SFTP key rotation in connections', description: 'We would like connections to accept two SSH keys during rotation so that flows do not fail while partners update their keys.' }
  ],
  'Amplify Engage': [
    { subject: 'Marketplace subscription approval emails not sent', description: 'Consumers subscribing to products in the marketplace no longer receive approval emails since last week.' },
    { subject: 'Discovery agent cannot connect through corporate proxy', description: 'The discovery agent fails with "proxyconnect tcp: EOF" behind our proxy. HTTPS_PROXY is set in the container.' }
  ],
  'Sentinel': [
    { subject: 'Sentinel dashboard shows no events after database migration', description: 'After migrating the Sentinel database to PostgreSQL 15, the dashboard shows no events although the event table fills up.' },
    { subject: 'Alert rules on cycle duration never fire', description: 'Alert rules based on cycle duration above 10 minutes never fire although cycles take much longer.' }
  ],
  'Decision Insight': [
    { subject: 'Decision Insight node fails to start after patch installation', description: 'After installing the patch, the node stops during startup with "Incompatible store version".' },
    { subject: 'Security: TLS 1.0 still accepted on the web console', description: 'Our scan reports that the web console still accepts TLS 1.0 and weak ciphers. Please confirm how to disable them.' }
  ]
};

export const CUSTOMER_NOTES: readonly string[] = [
  'Please find the requested logs attached. The issue happened again at 09:42 UTC.',
  'We can reproduce it in our test environment as well. Is there a workaround we can apply meanwhile?',
  'The workaround works for now, thank you. We still need a permanent fix before the release freeze.',
  'Any update on this? Our go-live is planned for next month.',
  'We applied the patch in non-production. Monitoring for 48 hours before production.',
  'Attached is the configuration export (passwords removed).'
];

export const ENGINEER_NOTES: readonly string[] = [
  'Thank you for the details. Could you please send the trace files at DEBUG level and the exact version string?',
  'We reproduced the behaviour in our lab. The case has been escalated to R&D with reference RDAPI-18342.',
  'R&D confirmed the defect. The fix is planned for the next update; a hotfix is attached for testing.',
  'As a workaround, increase the connection timeout to 120 seconds and restart the instance.',
  'The issue is caused by a configuration mismatch on the listener. Please see the steps below and confirm.',
  'Following our call today: we agreed to keep the case open until the production rollout is confirmed.',
  'As there was no reply for 10 days, the case moves to Pending Closure. Reply to reopen it.'
];

export const ATTACHMENT_NAMES: readonly string[] = [
  'instance-trace.log', 'screenshot-error.png', 'config-export.zip', 'heapdump-summary.txt', 'partner-cert.pem',
  'transfer-log.csv', 'har-capture.har', 'sysinfo.txt'
];
