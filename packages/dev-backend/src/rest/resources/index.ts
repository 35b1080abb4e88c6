import type { Controller } from '../controller';
import type { Resource } from '../resource';
import { addresshierarchy } from './addresshierarchy';
import { addresstemplate } from './addresstemplate';
import { caresetting } from './caresetting';
import { concept } from './concept';
import { conceptclass } from './conceptclass';
import { conceptdatatype } from './conceptdatatype';
import { conceptname } from './conceptname';
import { conceptsearch } from './conceptsearch';
import { drug } from './drug';
import { encounter } from './encounter';
import { encounterprovider } from './encounterprovider';
import { encounterrole } from './encounterrole';
import { encountertype } from './encountertype';
import { form } from './form';
import { formresource } from './formresource';
import { idgen } from './idgen';
import { location } from './location';
import { locationattribute, locationattributetype } from './locationattribute';
import { locationtag } from './locationtag';
import { metadatamapping } from './metadatamapping';
import { moduleResource } from './module';
import { obs } from './obs';
import { obsreferencerange } from './obsreferencerange';
import { order } from './order';
import { orderfrequency } from './orderfrequency';
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
  caresetting,
  concept,
  conceptclass,
  conceptdatatype,
  conceptname,
  drug,
  encounter,
  encounterprovider,
  encounterrole,
  encountertype,
  form,
  formresource,
  location,
  locationattribute,
  locationattributetype,
  locationtag,
  moduleResource,
  obs,
  obsreferencerange,
  order,
  orderfrequency,
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

export const CONTROLLERS: Controller[] = [addresstemplate, conceptsearch, idgen, metadatamapping, session];

/** Module pages outside the REST root (/openmrs/module/<name>/…). */
export const MODULE_CONTROLLERS: Controller[] = [addresshierarchy];
