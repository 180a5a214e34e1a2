// The official dist bundles ship without types; plots/plotly-types.ts declares the part this page calls.
declare module 'plotly.js-cartesian-dist-min' {
  const Plotly: import('../plots/plotly-types').PlotlyApi;
  export default Plotly;
}
