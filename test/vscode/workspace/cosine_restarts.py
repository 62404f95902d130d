import torch
from torch import nn
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts

model = nn.Linear(10, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
lr_sched = CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=0.01)

for epoch in range(70):
    optimizer.zero_grad()
    loss = model(torch.randn(4, 10)).sum()
    loss.backward()
    optimizer.step()
    lr_sched.step()
