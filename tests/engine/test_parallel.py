"""Batches shared out over worker processes, when the caller asks, give exactly what one
process gives."""

import subprocess
import sys
import time

import numpy as np
import pytest

from gdgame.engine import curves, descent, local_minima, optimizers, parallel, schedules, surfaces
from gdgame.engine.landscape import Surface

FIELDS = ("final", "final_loss", "final_grad_norm", "status", "steps", "diverged_at", "minimum",
          "lrs")  # fmt: skip


@pytest.fixture(scope="module")
def pool():
    with parallel.Pool(workers=2) as two:
        yield two


@pytest.mark.parametrize(
    "surface, opt",
    [
        ("himmelblau", optimizers.get("adam", lr=0.05, amsgrad=True)),
        ("random_terrain", optimizers.get("nesterov", lr=0.02,
                                          schedule=schedules.get("cosine", t_max=100))),
        ("rastrigin", optimizers.get("sgd", lr=0.3)),  # many runs diverge or wander
    ],
)  # fmt: skip
def test_a_pools_batch_equals_the_batch_in_one_process(pool, surface, opt):
    s = surfaces.get(surface, **({"seed": 3} if surface == "random_terrain" else {}))
    starts = np.random.default_rng(9).uniform(-5, 5, size=(1001, 2))
    split = pool.run(s, opt, starts, steps=150)
    whole = descent.run(s, opt, starts, steps=150, record=False)
    for field in FIELDS:
        np.testing.assert_array_equal(getattr(split, field), getattr(whole, field), err_msg=field)


def test_lr_scale_is_shared_out_with_its_runs(pool):
    s, opt = surfaces.get("himmelblau"), optimizers.get("sgd", lr=1.0)
    lrs = np.geomspace(1e-4, 0.05, 500)
    split = pool.run(s, opt, np.zeros((500, 2)), 200, lr_scale=lrs)
    whole = descent.run(s, opt, np.zeros((500, 2)), 200, record=False, lr_scale=lrs)
    np.testing.assert_array_equal(split.steps, whole.steps)
    np.testing.assert_array_equal(split.final, whole.final)


def test_fewer_starts_than_workers_and_curves_work(pool):
    valleys = surfaces.get("two_valleys")
    run = pool.run(valleys, optimizers.get("sgd", lr=0.02), [(-3.8, 0.5)], 300)
    assert run.final.shape == (1, 2) and run.status.shape == (1,)
    well = curves.get("double_well")
    starts = np.linspace(-2.4, 2.4, 9)[:, None]
    split = pool.run(well, optimizers.get("sgd", lr=0.02), starts, 300)
    whole = descent.run(well, optimizers.get("sgd", lr=0.02), starts, 300, record=False)
    np.testing.assert_array_equal(split.final, whole.final)
    with pytest.raises(ValueError):
        pool.run(well, optimizers.get("sgd"), np.empty((0, 1)), 10)
    with pytest.raises(ValueError):
        parallel.Pool(workers=0)


def test_a_landscape_outside_the_registries_cannot_be_sent(pool):
    himmelblau = surfaces.get("himmelblau")
    own = Surface("mine", "Mine", "A copy.", "f", himmelblau.domain, (), True, (0.0, 0.0),
                  terms=himmelblau.terms)  # fmt: skip
    with pytest.raises(TypeError, match="registry"):
        pool.run(own, optimizers.get("sgd", lr=0.01), np.zeros((50, 2)), 20)


def test_optimizers_and_schedules_pickle_as_what_rebuilds_them():
    import pickle

    warmup = schedules.get("warmup")
    for opt in (optimizers.get("momentum", lr=0.1, dampening=0.2),
                optimizers.get("nesterov", lr=0.1),
                optimizers.get("rmsprop", centered=True, schedule=warmup)):  # fmt: skip
        again = pickle.loads(pickle.dumps(opt))
        assert again.name == opt.name
        assert {k: v for k, v in again.hyper.items() if k != "schedule"} == {
            k: v for k, v in opt.hyper.items() if k != "schedule"
        }
        assert [again.lr_at(t) for t in range(30)] == [opt.lr_at(t) for t in range(30)]


GUARDED = """
import numpy as np
from gdgame.engine import optimizers, parallel, surfaces

print("body")
if __name__ == "__main__":
    with parallel.Pool(workers=2) as pool:
        runs = pool.run(surfaces.get("himmelblau"), optimizers.get("sgd", lr=0.01),
                        np.zeros((1000, 2)), 50)
    print("ran", runs.final.shape)
"""


def test_a_script_that_asks_for_a_pool_runs_its_main_once(tmp_path):
    script = tmp_path / "example.py"
    script.write_text(GUARDED)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         check=True, timeout=120)  # fmt: skip
    lines = out.stdout.splitlines()
    assert lines.count("ran (1000, 2)") == 1 and lines[-1] == "ran (1000, 2)"


def test_the_basin_map_and_restart_odds_from_a_pool_equal_them_in_one_process(pool):
    s, opt = surfaces.get("six_hump_camel"), optimizers.get("momentum", lr=0.01)
    here, there = (
        local_minima.basin_map(s, opt, 40, 300),
        local_minima.basin_map(s, opt, 40, 300, pool=pool),
    )
    np.testing.assert_array_equal(here.labels, there.labels)
    assert here.minima == there.minima
    odds = [local_minima.restart_odds(s, opt, 10, 200, trials=50, pool=p) for p in (None, pool)]
    np.testing.assert_array_equal(odds[0].measured, odds[1].measured)


KILLED_CALLER = """
import sys, time
import numpy as np
from gdgame.engine import optimizers, parallel, surfaces

if __name__ == "__main__":
    pool = parallel.Pool(workers=2)
    pool.run(surfaces.get("himmelblau"), optimizers.get("sgd", lr=0.01), np.zeros((4, 2)), 5)
    print(*pool._executor._processes, flush=True)
    time.sleep(120)
"""


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"  # a zombie is gone but for its parent's wait
    except FileNotFoundError:
        return False


def test_no_worker_outlives_a_caller_killed_with_sigkill(tmp_path):
    script = tmp_path / "caller.py"
    script.write_text(KILLED_CALLER)
    caller = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in caller.stdout.readline().split()]
    assert len(workers) == 2 and all(alive(pid) for pid in workers)
    caller.kill()  # SIGKILL: no atexit, no shutdown of the pool
    caller.wait()
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)]
