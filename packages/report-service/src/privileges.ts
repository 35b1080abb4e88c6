/** The privileges the service's endpoints require (distro/configuration/privileges). */
export const PRIVILEGES = {
  runReports: 'Task: poc.run reports',
  exportData: 'Task: poc.export data',
  sendToSisma: 'Task: poc.send reports to SIS-MA',
  followUpLists: 'Task: poc.view follow-up lists',
  viewHivSummary: 'Task: poc.view HIV summary',
  viewSystemStatus: 'Task: poc.view system status',
} as const;

export type Privilege = (typeof PRIVILEGES)[keyof typeof PRIVILEGES];
