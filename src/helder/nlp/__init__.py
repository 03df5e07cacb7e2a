"""The Dutch spaCy pipeline: loaded lazily, once per process."""

from .loader import PipelineInfo, get_pipeline, shipped_model_path

__all__ = ["PipelineInfo", "get_pipeline", "shipped_model_path"]
