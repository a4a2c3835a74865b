"""Rasa's TensorFlow models loaded for prediction only: 420 MB less memory per Rasa server.

Rasa 3.6's `RasaModel.load` builds a model's variables by training it for one step
(`model.compile(Adam)`, `model.fit` on one example) before reading the saved weights. That traces the
whole training graph with its gradients and creates the optimizer's two slots for every weight, none
of which a prediction uses: with the knowledge base's former ResponseSelector (11 million weights) the
DIET classifier and the selector took 580 MB at load, against 160 MB without them (docs/benchmarks.md).

`install()` replaces that method for prediction (not fine-tuning, which still trains): the model is
built by predicting once, the saved weights are read with a check that every variable it built was
restored (`assert_existing_objects_matched`; the optimizer's saved slots are skipped), then the label
embeddings are computed again from those weights and the prediction function is traced anew.
Predictions are the same, bit for bit (tests/rasa/test_lean_model_load.py, which also fails if a Rasa
upgrade changes what this replaces).

The traced prediction is then called through its one concrete function (`ConcretePredict`). Rasa traces
it with an input signature, so one graph serves every message, but each call through the `tf.function`
still converts, checks and matches its inputs against that signature: 3.4 ms a call against 1.8 ms
through the concrete function, a tenth of a parse (bench/analysis.md, session 7).

Installed by `bot.rasa_plugins.nlg.ProfileNLG` (created before the server loads its model) and by
`bot.triage.classifier.NluGraph.from_archive`. Since session 8 the shipped pipeline has no TensorFlow
model (config.yml: a linear intent classifier in place of DIET); this serves a configuration with DIET
or a ResponseSelector (make bench's variants, or a city that puts DIET back).
"""

from __future__ import annotations

from typing import Any

import tensorflow as tf
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

RASA_LOAD = RasaModel.load.__func__  # Rasa's own, for fine-tuning


def load_for_prediction(
    cls: type[RasaModel],
    model_file_name: str,
    model_data_example: RasaModelData,
    predict_data_example: RasaModelData | None = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    """Rasa's model with the saved weights, built by a prediction instead of a training step."""
    if finetune_mode or predict_data_example is None:
        return RASA_LOAD(cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs)
    model = cls(*args, **kwargs)
    model.run_inference(predict_data_example)  # creates every variable a prediction reads
    model.load_weights(model_file_name).assert_existing_objects_matched().expect_partial()
    model.prepare_for_predict()  # the label embeddings, from the loaded weights
    model._tf_predict_step = None  # the traced prediction holds the old ones: trace it again
    model.run_inference(predict_data_example)
    if model._tf_predict_step is not None:  # None when the model runs eagerly
        model._tf_predict_step = ConcretePredict(model._tf_predict_step)
    return model


class ConcretePredict:
    """A traced prediction called through its concrete function, with the inputs converted to the
    signature's types; an input the signature does not fit goes through the `tf.function` as before."""

    def __init__(self, function: Any) -> None:
        self.function = function
        self._concrete = function.get_concrete_function()
        self._specs = tf.nest.flatten(function.input_signature)

    def __call__(self, batch_in: tuple[Any, ...]) -> Any:
        inputs = tf.nest.flatten(batch_in)
        if len(inputs) != len(self._specs):
            return self.function(batch_in)
        tensors = [tf.convert_to_tensor(x, dtype=spec.dtype) for x, spec in zip(inputs, self._specs, strict=True)]
        if not all(spec.shape.is_compatible_with(t.shape) for t, spec in zip(tensors, self._specs, strict=True)):
            return self.function(batch_in)
        return self._concrete._call_flat(tensors, self._concrete.captured_inputs)


def install() -> None:
    """Models are loaded with `load_for_prediction` (idempotent)."""
    RasaModel.load = classmethod(load_for_prediction)


def installed() -> bool:
    return getattr(RasaModel.load, "__func__", None) is load_for_prediction
