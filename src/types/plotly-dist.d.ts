// The official dist bundles ship without types; they expose the same API as plotly.js.
declare module 'plotly.js-cartesian-dist-min' {
  import Plotly from 'plotly.js';
  export default Plotly;
}
