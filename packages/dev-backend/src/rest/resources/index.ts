import type { Controller } from '../controller';
import type { Resource } from '../resource';
import { addresshierarchy } from './addresshierarchy';
import { addresstemplate } from './addresstemplate';
import { allergy } from './allergy';
import { caresetting } from './caresetting';
import { cohort, cohortmember } from './cohort';
import { concept } from './concept';
import { conceptclass } from './conceptclass';
import { conceptdatatype } from './conceptdatatype';
import { conceptname } from './conceptname';
import {
  conceptattribute,
  conceptattributetype,
  conceptdescription,
  conceptmap,
  conceptmaptype,
  conceptreferenceterm,
  conceptsource,
} from './conceptdetails';
import { conceptreferencerangeController } from './conceptreferencerange';
import { conceptreferences } from './conceptreferences';
import { conceptsearch } from './conceptsearch';
import { condition } from './condition';
import { drug } from './drug';
import { encounter } from './encounter';
import { encounterprovider } from './encounterprovider';
import { encounterrole } from './encounterrole';
import { encountertype } from './encountertype';
import { form } from './form';
import { fulfillerdetails } from './fulfillerdetails';
import { formresource } from './formresource';
import { idgen } from './idgen';
import { location } from './location';
import { locationattribute, locationattributetype } from './locationattribute';
import { locationtag } from './locationtag';
import { metadatamapping } from './metadatamapping';
import { moduleResource } from './module';
import { systeminformation } from './systeminformation';
import { o3forms } from './o3forms';
import { obs } from './obs';
import { obsreferencerange } from './obsreferencerange';
import { order } from './order';
import { orderentryconfig } from './orderentryconfig';
import { orderfrequency } from './orderfrequency';
import { orderset, ordersetmember } from './orderset';
import { ordertype } from './ordertype';
import { patient } from './patient';
import { patientidentifier } from './patientidentifier';
import { patientidentifiertype } from './patientidentifiertype';
import { patientstate } from './patientstate';
import { patientdiagnoses } from './patientdiagnoses';
import { person } from './person';
import { personaddress } from './personaddress';
import { personattribute } from './personattribute';
import { personattributetype } from './personattributetype';
import { personname } from './personname';
import { privilege } from './privilege';
import { program } from './program';
import { programenrollment } from './programenrollment';
import { provider } from './provider';
import { relationship } from './relationship';
import { relationshiptype } from './relationshiptype';
import { role } from './role';
import { session } from './session';
import { systemsetting } from './systemsetting';
import { user } from './user';
import { visit } from './visit';
import { visitattribute, visitattributetype } from './visitattribute';
import { visittype } from './visittype';
import { workflow } from './workflow';
import { workflowstate } from './workflowstate';

export const RESOURCES: Resource[] = [
  allergy,
  caresetting,
  cohort,
  cohortmember,
  concept,
  conceptclass,
  conceptdatatype,
  conceptname,
  conceptattribute,
  conceptattributetype,
  conceptdescription,
  conceptmap,
  conceptmaptype,
  conceptreferenceterm,
  conceptsource,
  condition,
  drug,
  encounter,
  encounterprovider,
  encounterrole,
  encountertype,
  form,
  formresource,
  fulfillerdetails,
  location,
  locationattribute,
  locationattributetype,
  locationtag,
  moduleResource,
  obs,
  obsreferencerange,
  order,
  orderfrequency,
  orderset,
  ordersetmember,
  ordertype,
  patient,
  patientidentifier,
  patientidentifiertype,
  patientstate,
  patientdiagnoses,
  person,
  personaddress,
  personattribute,
  personattributetype,
  personname,
  privilege,
  program,
  programenrollment,
  provider,
  relationship,
  relationshiptype,
  role,
  systemsetting,
  user,
  visit,
  visitattribute,
  visitattributetype,
  visittype,
  workflow,
  workflowstate,
];

export const CONTROLLERS: Controller[] = [
  addresstemplate,
  conceptreferencerangeController,
  conceptreferences,
  conceptsearch,
  idgen,
  metadatamapping,
  o3forms,
  orderentryconfig,
  session,
  systeminformation,
];

/** Module pages outside the REST root (/openmrs/module/<name>/…). */
export const MODULE_CONTROLLERS: Controller[] = [addresshierarchy];
