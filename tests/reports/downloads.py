"""Downloads built in the background, as a person gets them."""


def rollup_download(client, year, capture):
    """The roll-up as a supervisor gets it: asked for, built by a worker, downloaded."""
    from django.core.management import call_command

    with capture(execute=True):
        asked = client.post("/staff/reports/supervision/rollup.xlsx", {"year": year})
    assert asked.status_code == 302
    waiting = client.get(asked["Location"])
    assert "排队中" in waiting.text and 'http-equiv="refresh"' in waiting.text
    call_command("worker", "--batch", "--interval", "0")
    ready = client.get(asked["Location"])
    assert "已生成" in ready.text and 'http-equiv="refresh"' not in ready.text
    download = client.get(asked["Location"] + "download/")
    assert download.status_code == 200
    return b"".join(download.streaming_content)
