import { attributeTypes } from './attributetypes';
import { autoGenerationOptions } from './autogenerationoptions';
import { concepts } from './concepts';
import { drugs } from './drugs';
import { forms } from './forms';
import { idgen } from './idgen';
import { locations } from './locations';
import { metadataTermMappings } from './metadatatermmappings';
import { orderFrequencies } from './orderfrequencies';
import { personAttributeTypes } from './personattributetypes';
import { privileges } from './privileges';
import { programs, programWorkflows, programWorkflowStates } from './programs';
import { roles } from './roles';
import { conceptClasses } from './conceptclasses';
import { encounterRoles } from './encounterroles';
import { encounterTypes } from './encountertypes';
import { locationTags } from './locationtags';
import { patientIdentifierTypes } from './patientidentifiertypes';
import { relationshipTypes } from './relationshiptypes';
import { visitTypes } from './visittypes';
import type { DomainDef } from './types';

/**
 * Load order: Initializer's, except that concepts come before everything that refers to them
 * (programs, person attribute types, drugs); global properties are loaded last.
 */
export const DOMAINS: readonly DomainDef[] = [
  privileges,
  roles,
  visitTypes,
  patientIdentifierTypes,
  relationshipTypes,
  locationTags,
  encounterTypes,
  encounterRoles,
  attributeTypes,
  locations,
  conceptClasses,
  concepts,
  programs,
  programWorkflows,
  programWorkflowStates,
  personAttributeTypes,
  idgen,
  autoGenerationOptions,
  drugs,
  orderFrequencies,
  forms,
  metadataTermMappings,
];

export type { DomainDef } from './types';
