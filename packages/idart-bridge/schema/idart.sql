-- The iDART tables the bridge reads and writes, as iDART's Hibernate mappings name them (lower case in
-- PostgreSQL) with their types; stock management, users, appointments and reports are left out. Written
-- for development and tests: a facility's iDART database already has these tables (docs/pharmacy.md).

CREATE TABLE clinic (
  id serial PRIMARY KEY,
  clinicname varchar(255) NOT NULL,
  code varchar(255),
  mainclinic boolean NOT NULL DEFAULT false,
  province varchar(255),
  district varchar(255),
  uuid varchar(255)
);

CREATE TABLE doctor (
  id serial PRIMARY KEY,
  firstname varchar(255),
  lastname varchar(255),
  active boolean NOT NULL DEFAULT true,
  modified char(1) NOT NULL DEFAULT 'T'
);

CREATE TABLE patient (
  id serial PRIMARY KEY,
  accountstatus boolean,
  cellphone varchar(255),
  dateofbirth timestamp,
  clinic integer NOT NULL REFERENCES clinic (id),
  nextofkinname varchar(255),
  nextofkinphone varchar(255),
  firstnames varchar(255),
  homephone varchar(255),
  lastname varchar(255),
  modified char(1) NOT NULL DEFAULT 'T',
  -- the NID
  patientid varchar(255) NOT NULL UNIQUE,
  province varchar(255),
  sex char(1),
  workphone varchar(255),
  race varchar(255),
  -- the OpenMRS patient uuid: `uuid` in the CCS fork, `uuidopenmrs` in the REST variants
  uuid varchar(255),
  uuidopenmrs varchar(255)
);

CREATE TABLE identifiertype (
  id serial PRIMARY KEY,
  name varchar(255) NOT NULL,
  index integer NOT NULL DEFAULT 0
);

CREATE TABLE patientidentifier (
  id serial PRIMARY KEY,
  patient_id integer NOT NULL REFERENCES patient (id),
  value varchar(255) NOT NULL,
  type_id integer NOT NULL REFERENCES identifiertype (id),
  valueedit varchar(255)
);

CREATE TABLE episode (
  id serial PRIMARY KEY,
  patient integer NOT NULL REFERENCES patient (id),
  clinic integer REFERENCES clinic (id),
  startdate timestamp,
  stopdate timestamp,
  startreason varchar(255),
  stopreason varchar(255),
  startnotes varchar(255),
  stopnotes varchar(255),
  index integer NOT NULL DEFAULT 0
);

CREATE TABLE linhat (
  linhaid serial PRIMARY KEY,
  linhanome varchar(255) NOT NULL,
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE regimeterapeutico (
  regimeid serial PRIMARY KEY,
  regimeesquema varchar(255) NOT NULL,
  active boolean NOT NULL DEFAULT true,
  adult boolean NOT NULL DEFAULT true,
  linhaid integer REFERENCES linhat (linhaid),
  codigoregime varchar(255),
  -- the OpenMRS uuid of the regimen's answer concept (of 1088)
  regimenomeespecificado varchar(255)
);

CREATE TABLE drug (
  id serial PRIMARY KEY,
  form integer,
  atccode_id varchar(255),
  modified char(1) NOT NULL DEFAULT 'T',
  name varchar(255) NOT NULL UNIQUE,
  packsize integer NOT NULL DEFAULT 0,
  -- 'F' for an ARV, 'T' for a side treatment (cotrimoxazole, isoniazid…)
  sidetreatment char(1) NOT NULL DEFAULT 'F',
  defaultamnt double precision,
  defaulttimes integer,
  stockcode varchar(255),
  pediatric char(1) NOT NULL DEFAULT 'F',
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE regimeterapeuticodrugs (
  id serial PRIMARY KEY,
  regimeid integer NOT NULL REFERENCES regimeterapeutico (regimeid),
  drug integer NOT NULL REFERENCES drug (id)
);

CREATE TABLE stock (
  id serial PRIMARY KEY,
  drug integer NOT NULL REFERENCES drug (id),
  batchnumber varchar(255),
  datereceived timestamp,
  stockcenter integer,
  expirydate timestamp,
  modified char(1) NOT NULL DEFAULT 'T',
  shelfnumber varchar(255),
  unitsreceived integer NOT NULL DEFAULT 0,
  manufacturer varchar(255),
  hasunitsremaining char(1) NOT NULL DEFAULT 'T',
  unitprice numeric(19, 2)
);

CREATE TABLE prescription (
  id serial PRIMARY KEY,
  clinicalstage integer NOT NULL DEFAULT 0,
  current char(1) NOT NULL DEFAULT 'T',
  date timestamp NOT NULL,
  doctor integer REFERENCES doctor (id),
  duration integer NOT NULL DEFAULT 0,
  modified char(1) NOT NULL DEFAULT 'T',
  patient integer NOT NULL REFERENCES patient (id),
  prescriptionid varchar(255) NOT NULL UNIQUE,
  reasonforupdate varchar(255),
  notes varchar(255),
  enddate timestamp,
  drugtypes varchar(20),
  regimeid integer REFERENCES regimeterapeutico (regimeid),
  datainicionoutroservico timestamp,
  motivomudanca varchar(255),
  linhaid integer REFERENCES linhat (linhaid),
  ppe char(1) NOT NULL DEFAULT 'F',
  ptv char(1) NOT NULL DEFAULT 'F',
  tb char(1) NOT NULL DEFAULT 'F',
  tpi char(1) NOT NULL DEFAULT 'F',
  tpc char(1) NOT NULL DEFAULT 'F',
  gaac char(1) NOT NULL DEFAULT 'F',
  af char(1) NOT NULL DEFAULT 'F',
  ca char(1) NOT NULL DEFAULT 'F',
  ccr char(1) NOT NULL DEFAULT 'F',
  saaj char(1) NOT NULL DEFAULT 'F',
  fr char(1) NOT NULL DEFAULT 'F',
  dispensatrimestral integer NOT NULL DEFAULT 0,
  tipodt varchar(255),
  dispensasemestral integer NOT NULL DEFAULT 0,
  tipods varchar(255),
  weight double precision
);

CREATE TABLE prescribeddrugs (
  id serial PRIMARY KEY,
  prescription integer NOT NULL REFERENCES prescription (id),
  drug integer NOT NULL REFERENCES drug (id),
  timesperday integer NOT NULL,
  modified char(1) NOT NULL DEFAULT 'T',
  amtpertime double precision NOT NULL,
  prescribeddrugsindex integer
);

CREATE TABLE package (
  id serial PRIMARY KEY,
  dateleft timestamp,
  datereceived timestamp,
  modified char(1) NOT NULL DEFAULT 'T',
  packageid varchar(255) NOT NULL UNIQUE,
  drugtypes varchar(20),
  clinic integer REFERENCES clinic (id),
  packdate timestamp NOT NULL,
  pickupdate timestamp,
  prescription integer REFERENCES prescription (id),
  weekssupply integer NOT NULL DEFAULT 4,
  datereturned timestamp,
  stockreturned boolean NOT NULL DEFAULT false,
  packagereturned boolean NOT NULL DEFAULT false,
  reasonforpackagereturn varchar(255)
);

CREATE TABLE packageddrugs (
  id serial PRIMARY KEY,
  amount integer NOT NULL,
  parentpackage integer NOT NULL REFERENCES package (id),
  stock integer NOT NULL REFERENCES stock (id),
  modified char(1) NOT NULL DEFAULT 'T',
  packageddrugsindex integer
);

-- The denormalised dispensing log iDART writes with each package, one row per drug: the next pickup is
-- only here (dateexpectedstring, formatted "dd MMM yyyy" in the machine's language).
CREATE TABLE packagedruginfotmp (
  id serial PRIMARY KEY,
  amountpertime varchar(255),
  batchnumber varchar(255),
  clinic varchar(255),
  dispensedqty integer,
  drugname varchar(255),
  expirydate timestamp,
  notes varchar(255),
  patientid varchar(255),
  patientfirstname varchar(255),
  patientlastname varchar(255),
  stockid integer,
  timesperday integer,
  numberoflabels integer,
  sidetreatment boolean,
  cluser integer,
  dispensedate timestamp,
  pickupdate timestamp,
  packageindex integer,
  weekssupply integer,
  prescriptionduration integer,
  dateexpectedstring varchar(255),
  senttoekapa boolean,
  packageid varchar(255),
  packageddrug integer,
  qtyinhand varchar(255),
  summaryqtyinhand varchar(255),
  qtyinlastbatch varchar(255)
);
CREATE INDEX packagedruginfotmp_packageid ON packagedruginfotmp (packageid);

-- FARMAC (community pharmacy) dispensations copied through the provincial server, denormalised.
CREATE TABLE sync_temp_dispense (
  id serial PRIMARY KEY,
  sync_temp_dispenseid varchar(255),
  clinicalstage integer,
  current char(1),
  date timestamp,
  doctor integer,
  duration integer,
  modified char(1),
  patient integer,
  weight double precision,
  reasonforupdate varchar(255),
  notes varchar(255),
  enddate timestamp,
  drugtypes varchar(255),
  regimeid varchar(255),
  datainicionoutroservico timestamp,
  motivomudanca varchar(255),
  linhaid varchar(255),
  ppe char(1),
  ptv char(1),
  tb char(1),
  tpi char(1),
  tpc char(1),
  dispensatrimestral integer,
  tipodt varchar(255),
  gaac char(1),
  af char(1),
  ca char(1),
  ccr char(1),
  saaj char(1),
  fr char(1),
  amountpertime varchar(255),
  dispensedate timestamp,
  drugname varchar(255),
  expirydate timestamp,
  patientid varchar(255),
  patientfirstname varchar(255),
  patientlastname varchar(255),
  dateexpectedstring varchar(255),
  pickupdate timestamp,
  timesperday integer,
  weekssupply integer,
  qtyinhand varchar(255),
  summaryqtyinhand varchar(255),
  qtyinlastbatch varchar(255),
  mainclinicuuid varchar(255),
  syncstatus char(1)
);

-- iDART's own outbox towards OpenMRS (REST variant): 'R' ready, 'E' exported. The bridge marks a
-- package's rows exported once its FILA is in OpenMRS, so iDART's retry task never sends it again.
CREATE TABLE sync_openmrs_dispense (
  id serial PRIMARY KEY,
  nid varchar(255),
  uuid varchar(255),
  packageid varchar(255),
  pickupdate timestamp,
  dateexpectedstring varchar(255),
  regimenuuid varchar(255),
  dispensedqty integer,
  posology varchar(255),
  syncstatus char(1) NOT NULL DEFAULT 'R'
);
CREATE INDEX sync_openmrs_dispense_packageid ON sync_openmrs_dispense (packageid);
