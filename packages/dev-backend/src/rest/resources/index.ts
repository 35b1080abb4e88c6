import type { Controller } from '../controller';
import type { Resource } from '../resource';
import { encountertype } from './encountertype';
import { idgen } from './idgen';
import { location } from './location';
import { locationattribute } from './locationattribute';
import { locationattributetype } from './locationattributetype';
import { locationtag } from './locationtag';
import { metadatamapping } from './metadatamapping';
import { moduleResource } from './module';
import { patient } from './patient';
import { patientidentifier } from './patientidentifier';
import { patientidentifiertype } from './patientidentifiertype';
import { person } from './person';
import { personaddress } from './personaddress';
import { personattribute } from './personattribute';
import { personattributetype } from './personattributetype';
import { personname } from './personname';
import { privilege } from './privilege';
import { provider } from './provider';
import { relationshiptype } from './relationshiptype';
import { role } from './role';
import { session } from './session';
import { systemsetting } from './systemsetting';
import { user } from './user';
import { visittype } from './visittype';

export const RESOURCES: Resource[] = [
  encountertype,
  location,
  locationattribute,
  locationattributetype,
  locationtag,
  moduleResource,
  patient,
  patientidentifier,
  patientidentifiertype,
  person,
  personaddress,
  personattribute,
  personattributetype,
  personname,
  privilege,
  provider,
  relationshiptype,
  role,
  systemsetting,
  user,
  visittype,
];

export const CONTROLLERS: Controller[] = [idgen, metadatamapping, session];
