// DOM matchers (toBeInTheDocument…) and the globals the app shell sets before any app runs.
import '@testing-library/jest-dom';

window.openmrsBase = '/openmrs';
window.spaBase = '/openmrs/spa';
window.getOpenmrsSpaBase = () => '/openmrs/spa/';
