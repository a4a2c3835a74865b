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
upgrade changes what this replaces). Installed by `bot.rasa_plugins.nlg.ProfileNLG` (created before
the server loads its model) and by `bot.triage.classifier.NluGraph.from_archive`.
"""

from __future__ import annotations

from typing import Any

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
    return model


def install() -> None:
    """Models are loaded with `load_for_prediction` (idempotent)."""
    RasaModel.load = classmethod(load_for_prediction)


def installed() -> bool:
    return getattr(RasaModel.load, "__func__", None) is load_for_prediction
