import type { Resource } from '../resource';
import { subclassColumn } from './orderdraft';

// TestOrderSubclassHandler 1.10: the test_order columns.

export const testOrderProperties: Resource['properties'] = {
  specimenSource: subclassColumn('specimenSource', 'specimen_source', { resource: 'concept' }, ['testorder']),
  laterality: subclassColumn('laterality', 'laterality', 'string', ['testorder']),
  clinicalHistory: subclassColumn('clinicalHistory', 'clinical_history', 'string', ['testorder']),
  frequency: subclassColumn('frequency', 'frequency', { resource: 'orderfrequency' }, ['testorder']),
  numberOfRepeats: subclassColumn('numberOfRepeats', 'number_of_repeats', 'integer', ['testorder']),
};

export const TEST_ORDER_CREATABLE = Object.keys(testOrderProperties);

const FIELDS = (frequency: string) =>
  `specimenSource:ref,laterality,clinicalHistory,frequency${frequency},numberOfRepeats`;
export const TEST_ORDER_DEFAULT = FIELDS(':ref');
export const TEST_ORDER_FULL = FIELDS('');
