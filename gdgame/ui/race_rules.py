"""Each racer's update rule in LaTeX (torch.optim's form; g is the gradient) and one sentence on
what it fixes, shown beside its settings in the race."""

RULES = {
    "sgd": (r"x \leftarrow x - \alpha g",
            ("The plain step: as large as the slope, so it crawls on flat ground and bounces "
            "across steep valleys.")),
    "momentum": (r"b \leftarrow \mu b + g,\quad x \leftarrow x - \alpha b",
                 ("Remembers past steps: the zig-zags across a valley cancel while the pull along "
                 "it adds up, so it picks up speed on the floor.")),
    "nesterov": (r"b \leftarrow \mu b + g,\quad x \leftarrow x - \alpha (g + \mu b)",
                 "Momentum that looks ahead: it brakes earlier, so it overshoots less."),
    "adagrad": (r"s \leftarrow s + g^2,\quad x \leftarrow x - \alpha \frac{g}{\sqrt{s} + \epsilon}",
                ("A step size per coordinate: steep directions get smaller steps, flat ones "
                "larger; but s only grows, so it slows down for good.")),
    "rmsprop": ((r"v \leftarrow \rho v + (1-\rho) g^2,\quad "
                r"x \leftarrow x - \alpha \frac{g}{\sqrt{v} + \epsilon}"),
                "AdaGrad with a memory that fades, so the steps do not shrink for ever."),
    "adam": ((r"m \leftarrow \beta_1 m + (1-\beta_1) g,\ v \leftarrow \beta_2 v + (1-\beta_2) g^2,"
             r"\ x \leftarrow x - \alpha \frac{m / (1-\beta_1^t)}{\sqrt{v / (1-\beta_2^t)} + "
             r"\epsilon}"),
             ("Momentum and RMSProp together, with a correction for their start at zero: the "
             "usual first choice.")),
}  # fmt: skip
