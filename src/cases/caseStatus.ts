// What a case's status means, for the domain and the views alike.

/** The API's status is the truth about a case being closed (open cases are "statuses exclude Closed"). */
export function isClosedStatus(status: string | undefined): boolean {
  return (status ?? '').trim().toLowerCase() === 'closed';
}
