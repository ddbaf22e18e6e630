"""Fixtures for every test of the service: its settings, the application and a client."""

import logging
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from {{ cookiecutter.module_name }}.app import create_app
from {{ cookiecutter.module_name }}.settings import Settings


@pytest.fixture
def settings() -> Settings:
    """The defaults: no monitoring URL, so no heartbeat."""
    return Settings()


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """Sends requests to the application in the test's process; its lifespan runs."""
    with TestClient(app) as client:
        yield client


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    """The root logger, given back as it was after a test that configures logging."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield root
    root.handlers[:], root.level = handlers, level
