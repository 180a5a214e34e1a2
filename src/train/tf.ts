/**
 * The one module that imports TensorFlow.js. Only tfjs-core and the backends are bundled, not the
 * full @tensorflow/tfjs (layers, converter, data), which this page never uses.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Core alone has no gradient definitions; without this, variableGrads throws "gradient function not found".
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export { tf };
export type { Scalar, Tensor, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs-core';
