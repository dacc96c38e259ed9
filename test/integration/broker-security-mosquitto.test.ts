import { testBrokerSecurity } from './broker-security.suite.js';
import { externalMosquittoWith } from './secure-brokers.js';

// The same promises as on the embedded broker, with the hub on an external Mosquitto whose
// password and ACL files packgate rendered (Debian package `mosquitto`; CI installs it).
testBrokerSecurity(externalMosquittoWith('users'));
testBrokerSecurity(externalMosquittoWith('pattern'));
