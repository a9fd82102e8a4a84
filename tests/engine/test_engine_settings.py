"""ClassLab's settings, read in one place: what a school sets in the environment wins, each with its help."""
from pathlib import Path

from classlab import settings


def test_every_setting_has_help_beside_it():
    names = [settings.DATABASE_URL, settings.DATA, settings.TEACHER_KEY, settings.PUPILS_URL, settings.DATASETS,
             settings.QUERY_STRING, settings.LANGUAGE]
    assert sorted(settings.HELP) == sorted(names)
    assert all(len(text) > 20 for text in settings.HELP.values())


def test_what_the_school_sets_is_read_when_asked_for(monkeypatch, tmp_path):
    monkeypatch.setenv("CLASSLAB_DATABASE_URL", " postgresql://classlab@db/classlab ")
    monkeypatch.setenv("CLASSLAB_PUPILS_URL", "http://192.168.1.20:8866")
    monkeypatch.setenv("CLASSLAB_DATA", str(tmp_path))
    assert settings.database_url() == "postgresql://classlab@db/classlab"
    assert settings.pupils_url() == "http://192.168.1.20:8866"
    assert settings.data_folder() == tmp_path


def test_nothing_set_gives_the_defaults(monkeypatch):
    for name in settings.HELP:
        monkeypatch.delenv(name, raising=False)
    assert settings.database_url() == "" and settings.teacher_key() == "" and settings.pupils_url() == ""
    assert settings.data_folder() == Path.home() / ".local" / "share" / "classlab"
    assert settings.datasets_folder() == Path(settings.__file__).resolve().parent.parent / "datasets"
    assert settings.query_string() == ""


def test_the_board_and_the_pupils_page_test_predictions_alike():
    import widgets.prediction_sampler as page

    assert (page.MAX_SAMPLES_TRIED, page.TRIALS) == (settings.MAX_SAMPLES_TRIED, settings.TRIALS)
