// The merchant_center sandbox is the shared Google sandbox (one root listener for every Google API).
export * from '../../google/sandbox/index.ts';
