// plotly.js's own typings cover its full bundle, not the parts under lib/; plots/plotly-types.ts
// declares the part this page calls.
declare module 'plotly.js/lib/core' {
  const Plotly: import('../plots/plotly-types').PlotlyApi & {
    register(modules: readonly import('../plots/plotly-types').PlotlyModule[]): void;
  };
  export default Plotly;
}

declare module 'plotly.js/lib/contour' {
  const contour: import('../plots/plotly-types').PlotlyModule;
  export default contour;
}
