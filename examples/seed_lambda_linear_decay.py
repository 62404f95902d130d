# The seed post's linear decay with LambdaLR, bugs included: the trailing commas make tuples,
# and `lambda_func(lambda_func)` calls the function instead of passing it. The extension says so.
import torch
from torch.optim import SGD
from torch.optim.lr_scheduler import LambdaLR

CONFIG = {"initial_lr": 0.1, "final_lr": 0.001, "adaptive_epoch": 50}
e_0 = CONFIG["initial_lr"]
model = torch.nn.Linear(4, 2)


def lambda_func(epoch):
    e_0 = CONFIG['initial_lr'],
    e_tau = CONFIG['final_lr'],
    tau = CONFIG['adaptive_epoch'],
    a = epoch / tau
    return (1 - a) * e_0 + a * e_tau


optim = SGD(model.parameters(), lr=e_0)
scheduler = LambdaLR(optim,
                     lr_lambda=lambda_func(lambda_func)
                     )


# What the post meant: a factor going linearly from 1 to e_tau/e_0 over tau steps, then constant.
def linear_decay(epoch, tau=CONFIG["adaptive_epoch"], ratio=CONFIG["final_lr"] / CONFIG["initial_lr"]):
    a = min(epoch, tau) / tau
    return (1 - a) * 1.0 + a * ratio


fixed = LambdaLR(optim, lr_lambda=linear_decay)

for i in range(100):
    optim.step()
    fixed.step()
