import type { Controller } from '../controller';
import type { Resource } from '../resource';
import { encountertype } from './encountertype';
import { location } from './location';
import { locationattribute } from './locationattribute';
import { locationattributetype } from './locationattributetype';
import { locationtag } from './locationtag';
import { moduleResource } from './module';
import { patientidentifiertype } from './patientidentifiertype';
import { person } from './person';
import { personattributetype } from './personattributetype';
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
  patientidentifiertype,
  person,
  personattributetype,
  privilege,
  provider,
  relationshiptype,
  role,
  systemsetting,
  user,
  visittype,
];

export const CONTROLLERS: Controller[] = [session];
