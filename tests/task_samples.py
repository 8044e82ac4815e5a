"""Tasks for the tests of gongkai.core.tasks (importable by path, as a worker imports them)."""

from gongkai.core.tasks import background

CALLS: list[dict] = []


@background(label="测试：总是失败", retries=2)
def always_fails(number):
    CALLS.append({"number": number})
    raise RuntimeError(f"第{number}号故障")


@background(label="测试：成功")
def succeeds(number):
    CALLS.append({"number": number})
    return number * 2
